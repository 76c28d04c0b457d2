import { Injectable, Logger } from '@nestjs/common';
import {
  AuthenticationError,
  type GatewayError,
  PermissionDeniedError,
  RateLimitError,
} from '@qwen-proxy/contracts';
import type { QwenAccountLease, QwenAccountSource } from '@qwen-proxy/providers';
import { CredentialsService, type UsableCredential } from './credentials.service';

/**
 * Lends accounts to requests: the preferred one (a conversation's owner) when usable, otherwise
 * the least recently used healthy one. Upstream failures change an account's state here, once.
 */
@Injectable()
export class QwenAccountPool implements QwenAccountSource {
  private readonly logger = new Logger(QwenAccountPool.name);

  constructor(private readonly credentials: CredentialsService) {}

  async acquire(options: { preferredId?: string | null; excludeIds?: readonly string[] } = {}): Promise<QwenAccountLease> {
    const now = Date.now();
    const all = await this.credentials.usable();
    const candidates = all.filter((candidate) => !options.excludeIds?.includes(candidate.row.id) && isUsable(candidate, now));
    if (candidates.length === 0) throw noAccountError(all, now);
    const chosen =
      candidates.find((candidate) => candidate.row.id === options.preferredId) ??
      candidates.sort((left, right) => (left.row.lastUsedAt ?? 0) - (right.row.lastUsedAt ?? 0))[0]!;
    const update: Parameters<CredentialsService['updateState']>[1] = { lastUsedAt: now };
    if (chosen.row.status === 'cooldown') Object.assign(update, { status: 'valid', statusReason: null, cooldownUntil: null });
    await this.credentials.updateState(chosen.row.id, update);
    chosen.row.lastUsedAt = now;
    return { id: chosen.row.id, label: chosen.row.label, credentials: chosen.credentials, release: () => undefined };
  }

  reportFailure(accountId: string, error: GatewayError): void {
    const state = stateAfter(error);
    if (!state) return;
    this.logger.warn(`Qwen account ${accountId} is now ${state.status}: ${error.code}`);
    void this.credentials.updateState(accountId, state).catch((failure: unknown) => {
      this.logger.error(`Could not record the state of account ${accountId}: ${String(failure)}`);
    });
  }

  reportSuccess(): void {
    // Nothing to clear: a usable account is already `valid`.
  }
}

function isUsable({ row }: UsableCredential, now: number): boolean {
  if (row.expiresAt !== null && row.expiresAt <= now) return false;
  if (row.status === 'valid') return true;
  return row.status === 'cooldown' && (row.cooldownUntil ?? 0) <= now;
}

function stateAfter(error: GatewayError): Parameters<CredentialsService['updateState']>[1] | undefined {
  switch (error.credentialEffect) {
    case 'cooldown':
      return {
        status: 'cooldown',
        statusReason: error.message,
        cooldownUntil: Date.now() + (error.retryAfterSeconds ?? 60) * 1000,
      };
    case 'invalid':
      return { status: error.code === 'qwen_token_expired' ? 'expired' : 'invalid', statusReason: error.message };
    case 'needs-verification':
      return {
        status: 'needs-verification',
        statusReason: error.message,
        verificationUrl: typeof error.details?.['verificationUrl'] === 'string' ? error.details['verificationUrl'] : null,
      };
    default:
      return undefined;
  }
}

/** Why no account can take a request, in terms the user can act on. */
function noAccountError(all: UsableCredential[], now: number): GatewayError {
  if (all.length === 0) {
    return new AuthenticationError(
      'No Qwen account is connected. Connect one in the admin console (Connect), POST it to /api/credentials on the control plane, or start with QWEN_TOKEN and QWEN_COOKIES set.',
      { code: 'no_credentials' },
    );
  }
  const cooling = all.filter(({ row }) => row.status === 'cooldown' && (row.cooldownUntil ?? 0) > now);
  if (cooling.length > 0) {
    const soonest = Math.min(...cooling.map(({ row }) => row.cooldownUntil ?? now));
    const seconds = Math.max(1, Math.ceil((soonest - now) / 1000));
    return new RateLimitError(
      `Every Qwen account is cooling down after hitting its limit; the first is usable again in ${formatWait(seconds)}. ${cooling[0]!.row.statusReason ?? ''}`.trim(),
      { code: 'qwen_accounts_cooling_down', retryable: true, retryAfterSeconds: seconds },
    );
  }
  const verification = all.find(({ row }) => row.status === 'needs-verification');
  if (verification) {
    return new PermissionDeniedError(
      `Qwen asks for a human check on account "${verification.row.label}": open chat.qwen.ai in your browser, pass the check, then reconnect the account.`,
      { code: 'qwen_verification_required', details: { verificationUrl: verification.row.verificationUrl } },
    );
  }
  return new AuthenticationError(
    'Every connected Qwen account has an expired or rejected token: log in to chat.qwen.ai again and reconnect (extension, desktop app, or POST /api/credentials).',
    { code: 'qwen_token_expired' },
  );
}

function formatWait(seconds: number): string {
  if (seconds >= 3600) return `${Math.round(seconds / 360) / 10} hours`;
  if (seconds >= 60) return `${Math.ceil(seconds / 60)} minutes`;
  return `${seconds} seconds`;
}
