import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuthenticationError, PermissionDeniedError, RateLimitError } from '@qwen-proxy/contracts';
import type { ApiKeyEntity } from '@qwen-proxy/persistence';
import type { AppConfig } from '../config/app-config';
import { isLoopbackHost } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { tokensMatch } from '../security/admin-token';
import { SettingsService } from '../settings/settings.service';
import { type ApiAccessMode, apiAccessModeOf } from './api-access-mode';
import { ADMIN_TOKEN } from '../security/security.constants';
import { hashApiKey } from './api-key-secret';
import { ApiKeyTokenUsage } from './api-key-token-usage';
import { ApiKeysService } from './api-keys.service';
import { utcDayOf, utcMonthOf } from './budget-periods';
import { isModelAllowed } from './model-allowlist';
import { SlidingWindowRateLimiter } from './sliding-window-rate-limiter';

export interface AccessRequest {
  /** The key the client sent (`Authorization: Bearer …` or `x-api-key`). */
  presentedKey?: string;
  /** The model the request asks for, when it names one. */
  model?: string;
}

/**
 * Who may use `/v1/*` (architecture.md, trust boundaries): in open mode (on loopback, no key
 * created or `requireApiKeys` off) any non-empty key (the Quick Start promise); otherwise a valid
 * key, within its limits (`apiAccessModeOf` states the rule). The admin token also works, so the
 * console's Playground needs no key of its own.
 * Resolves the key used (none in open mode or with the admin token); throws the refusal.
 */
@Injectable()
export class ApiKeyAccessService {
  private readonly logger = new Logger(ApiKeyAccessService.name);
  private readonly rateLimiter = new SlidingWindowRateLimiter();
  private readonly onLoopback: boolean;

  constructor(
    private readonly keys: ApiKeysService,
    private readonly tokenUsage: ApiKeyTokenUsage,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(ADMIN_TOKEN) private readonly adminToken: string,
    private readonly settings: SettingsService,
  ) {
    this.onLoopback = isLoopbackHost(config.host);
  }

  /** Open mode or keys required, and why, as of now. */
  mode(now = Date.now()): ApiAccessMode {
    return apiAccessModeOf({
      onLoopback: this.onLoopback,
      requireApiKeys: this.settings.get().requireApiKeys,
      anyKeyDefined: this.keys.anyDefined,
      activeKeys: this.keys.activeCount(now),
    });
  }

  /**
   * The first key makes keys required, as a stored setting: deleting keys later never reopens
   * `/v1` by itself; going back to open mode is `requireApiKeys: false`.
   */
  async keyCreated(): Promise<void> {
    if (this.settings.get().requireApiKeys === undefined) await this.settings.update({ requireApiKeys: true });
  }

  async authorize(request: AccessRequest, now = Date.now()): Promise<ApiKeyEntity | undefined> {
    const presented = request.presentedKey;
    const requireApiKeys = this.settings.get().requireApiKeys;
    if (!this.onLoopback && !this.keys.anyDefined) {
      throw new AuthenticationError(
        'This proxy listens beyond this machine, so it needs API keys: create one in the admin console (API keys) and send it as "Authorization: Bearer sk-qp-…".',
        { code: 'api_key_required' },
      );
    }
    if (this.onLoopback && (requireApiKeys === false || (requireApiKeys === undefined && !this.keys.anyDefined))) {
      if (!presented) {
        throw new AuthenticationError('Send an API key: in open mode any non-empty value works, e.g. "Authorization: Bearer sk-local".', {
          code: 'missing_api_key',
        });
      }
      return undefined;
    }
    if (!presented) {
      throw new AuthenticationError('Send your API key as "Authorization: Bearer sk-qp-…" (or "x-api-key"). Keys are created in the admin console.', {
        code: 'missing_api_key',
      });
    }
    if (tokensMatch(this.adminToken, presented)) return undefined;
    const key = this.keys.findByHash(hashApiKey(presented));
    if (!key) {
      throw new AuthenticationError(`The API key is not valid. ${this.mode(now).message}`, { code: 'invalid_api_key' });
    }
    if (key.revokedAt !== null) throw new AuthenticationError(`The API key "${key.name}" was revoked. Create a new one in the admin console.`, { code: 'api_key_revoked' });
    if (key.expiresAt !== null && key.expiresAt <= now) {
      throw new AuthenticationError(`The API key "${key.name}" expired on ${new Date(key.expiresAt).toISOString()}. Create a new one in the admin console.`, {
        code: 'api_key_expired',
      });
    }
    if (request.model !== undefined && !isModelAllowed(key.allowedModels, request.model)) {
      throw new PermissionDeniedError(`The API key "${key.name}" may not use the model \`${request.model}\`; it allows: ${key.allowedModels!.join(', ') || 'no model'}.`, {
        code: 'model_not_allowed',
        param: 'model',
      });
    }
    await this.assertWithinBudget(key, now);
    // Last: a request refused for another reason does not use up the minute's allowance.
    if (key.requestsPerMinute !== null) {
      const decision = this.rateLimiter.take(key.id, key.requestsPerMinute, now);
      if (!decision.allowed) {
        const seconds = Math.ceil(decision.retryAfterMs / 1000);
        throw new RateLimitError(`Rate limit of the API key "${key.name}" reached: ${key.requestsPerMinute} requests per minute. Retry in ${seconds} s.`, {
          code: 'api_key_rate_limit_exceeded',
          retryable: true,
          retryAfterSeconds: seconds,
          details: { limit: 'requests_per_minute', requestsPerMinute: key.requestsPerMinute },
        });
      }
    }
    this.keys.touch(key, now);
    return key;
  }

  private async assertWithinBudget(key: ApiKeyEntity, now: number): Promise<void> {
    if (key.tokensPerDay === null && key.tokensPerMonth === null) return;
    let usage;
    try {
      usage = await this.tokenUsage.of(key.id, now);
    } catch (error) {
      // A busy or failing database must not stop answers: the budget is checked again next time.
      this.logger.warn(`Could not read the token usage of API key ${key.id}, letting the request through: ${String(error)}`);
      return;
    }
    if (key.tokensPerDay !== null && usage.tokensToday >= key.tokensPerDay) {
      throw budgetExceeded(key, 'day', key.tokensPerDay, usage.tokensToday, utcDayOf(now).end, now);
    }
    if (key.tokensPerMonth !== null && usage.tokensThisMonth >= key.tokensPerMonth) {
      throw budgetExceeded(key, 'month', key.tokensPerMonth, usage.tokensThisMonth, utcMonthOf(now).end, now);
    }
  }
}

function budgetExceeded(key: ApiKeyEntity, period: 'day' | 'month', budget: number, used: number, renewsAt: number, now: number): RateLimitError {
  return new RateLimitError(
    `Token budget of the API key "${key.name}" used up: ${used} of ${budget} tokens per ${period}. It renews at ${new Date(renewsAt).toISOString()}.`,
    {
      code: period === 'day' ? 'api_key_daily_token_budget_exceeded' : 'api_key_monthly_token_budget_exceeded',
      retryable: true,
      retryAfterSeconds: Math.ceil((renewsAt - now) / 1000),
      details: { limit: period === 'day' ? 'tokens_per_day' : 'tokens_per_month', budget, used, renewsAt },
    },
  );
}
