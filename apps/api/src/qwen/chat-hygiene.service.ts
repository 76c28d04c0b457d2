import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { isGatewayError } from '@qwen-proxy/contracts';
import { QwenClient } from '@qwen-proxy/qwen';
import { CredentialsService } from '../credentials/credentials.service';
import { DatabaseSessionStore } from '../sessions/database-session-store';
import { SettingsService } from '../settings/settings.service';

const sweepIntervalMs = 10 * 60_000;
const batchSize = 50;

/**
 * Every API conversation leaves a chat in the user's Qwen history, and piles of them are
 * suspected of drawing risk control (protocol §7). When a conversation expires, its chat is
 * deleted upstream (setting `deleteExpiredChats`) and the session forgotten.
 */
@Injectable()
export class ChatHygieneService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ChatHygieneService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly sessions: DatabaseSessionStore,
    private readonly credentials: CredentialsService,
    private readonly client: QwenClient,
    private readonly settings: SettingsService,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), sweepIntervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One pass over expired sessions; resolves with how many were cleaned up. */
  sweep(): Promise<number> {
    this.running ??= this.sweepOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepOnce(): Promise<number> {
    const expired = await this.sessions.expired(batchSize);
    if (expired.length === 0) return 0;
    const accounts = new Map((await this.credentials.usable()).map((account) => [account.row.id, account.credentials]));
    let cleaned = 0;
    for (const session of expired) {
      const credentials = session.credentialId ? accounts.get(session.credentialId) : undefined;
      if (this.settings.get().deleteExpiredChats && credentials && session.closedAt === null) {
        try {
          await this.client.deleteChat(credentials, session.upstreamChatId, AbortSignal.timeout(15_000));
        } catch (error) {
          // A transient failure is retried on the next sweep; anything else (chat already gone,
          // account expired) will not get better, so the session is let go.
          if (isGatewayError(error) && error.retryable && error.status >= 500) {
            this.logger.warn(`Could not delete Qwen chat ${session.upstreamChatId}, will retry: ${error.message}`);
            continue;
          }
        }
      }
      await this.sessions.remove(session.id);
      cleaned++;
    }
    if (cleaned) this.logger.log(`Cleaned up ${cleaned} expired conversation(s).`);
    return cleaned;
  }
}
