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
import { estimatePromptTokens, requestedMaxOutputTokens } from './request-token-estimate';
import { SlidingWindowRateLimiter } from './sliding-window-rate-limiter';
import { TokenBudgetLedger } from './token-budget-ledger';

/** The answer a budgeted request may deliver when it names no `max_tokens`; the rest of the budget stays free for concurrent requests. */
export const defaultCompletionAllowance = 4096;
/** Less than this left for the answer after the prompt is refused: an answer cut after a word or two is worth less than a clear 429. */
export const minimumCompletionAllowance = 16;

export interface AccessRequest {
  /** The key the client sent (`Authorization: Bearer …` or `x-api-key`). */
  presentedKey?: string;
  /** Whether it came as `Authorization: Bearer`: the admin token is accepted there only. */
  presentedAsBearer?: boolean;
  /** The model the request asks for, when it names one. */
  model?: string;
  /** The request's id: a token budget's reservation is held under it until the request is recorded. */
  requestId?: string;
  /** The parsed body, for the prompt tokens and answer length a budget reservation needs. */
  body?: unknown;
  /** Whether the request asks a model for an answer (and so reserves tokens); listing models or counting tokens does not. */
  usesTokens?: boolean;
  /** False for a request whose answer has no tokens (embeddings): its prompt is all it uses, so no answer allowance is held. */
  answersWithTokens?: boolean;
}

/**
 * Who may use `/v1/*` (architecture.md, trust boundaries): in open mode (on loopback, no key
 * created or `requireApiKeys` off) any non-empty key (the Quick Start promise); otherwise a valid
 * key, within its limits (`apiAccessModeOf` states the rule). The admin token also works as
 * `Authorization: Bearer`, so the console's Playground needs no key of its own.
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
    private readonly ledger: TokenBudgetLedger,
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
    // The admin token only as a bearer token (the console's Playground): in `x-api-key`, where
    // Anthropic clients put their key, it is refused like any unknown key.
    if (request.presentedAsBearer && tokensMatch(this.adminToken, presented)) return undefined;
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
    await this.reserveBudget(key, request, now);
    // Last: a request refused for another reason does not use up the minute's allowance. The
    // window is taken synchronously, after every await, so concurrent requests cannot both see
    // the last free slot.
    if (key.requestsPerMinute !== null) {
      const decision = this.rateLimiter.take(key.id, key.requestsPerMinute, now);
      if (!decision.allowed) {
        if (request.requestId) this.ledger.releaseUnlessRecorded(request.requestId);
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

  /** A reservation no recording will settle (the request was refused or answered locally after admission) is dropped. */
  releaseUnrecorded(requestId: string): void {
    this.ledger.releaseUnlessRecorded(requestId);
  }

  /**
   * Reserves the request's tokens before it goes out: its prompt (counted) plus an answer
   * allowance (`max_tokens`, else 4096, at most what is left; refused under 16). Tokens used are the request
   * log's sum plus what requests in flight hold (TokenBudgetLedger), so concurrent requests
   * cannot overshoot; the answer is cut at its allowance (SurfaceChatRunner), and the request's
   * record settles the reservation with what it really used.
   */
  private async reserveBudget(key: ApiKeyEntity, request: AccessRequest, now: number): Promise<void> {
    if (key.tokensPerDay === null && key.tokensPerMonth === null) return;
    const readMark = this.ledger.beginRead();
    let usage = { tokensToday: 0, tokensThisMonth: 0 };
    try {
      usage = await this.tokenUsage.of(key.id, now);
    } catch (error) {
      // A busy or failing database must not stop answers: what is in flight still counts.
      this.logger.warn(`Could not read the token usage of API key ${key.id}; counting only requests in flight: ${String(error)}`);
    }
    // Synchronous from here to the reservation: no other request can slip in between.
    const inFlight = this.ledger.inFlight(key.id, readMark, now);
    const promptTokens = request.usesTokens === false ? 0 : estimatePromptTokens(request.body);
    const periods = [
      key.tokensPerDay === null ? undefined : { period: 'day' as const, budget: key.tokensPerDay, used: usage.tokensToday + inFlight, renewsAt: utcDayOf(now).end },
      key.tokensPerMonth === null ? undefined : { period: 'month' as const, budget: key.tokensPerMonth, used: usage.tokensThisMonth + inFlight, renewsAt: utcMonthOf(now).end },
    ].filter((period) => period !== undefined);
    const binding = periods.reduce((tightest, period) => (period.budget - period.used < tightest.budget - tightest.used ? period : tightest));
    if (request.usesTokens === false) {
      if (binding.used >= binding.budget) throw budgetExceeded(key, binding.period, binding.budget, binding.used, 0, binding.renewsAt, now);
      return;
    }
    const left = binding.budget - binding.used - promptTokens;
    const answers = request.answersWithTokens !== false;
    if (left < (answers ? minimumCompletionAllowance : 0)) throw budgetExceeded(key, binding.period, binding.budget, binding.used, promptTokens, binding.renewsAt, now);
    if (!request.requestId) return;
    const completionAllowance = answers ? Math.min(Math.max(requestedMaxOutputTokens(request.body) ?? defaultCompletionAllowance, minimumCompletionAllowance), left) : 0;
    this.ledger.reserve(request.requestId, { keyId: key.id, promptTokens, completionAllowance });
  }
}

function budgetExceeded(key: ApiKeyEntity, period: 'day' | 'month', budget: number, used: number, promptTokens: number, renewsAt: number, now: number): RateLimitError {
  const state = used >= budget ? `used up: ${used} of ${budget} tokens per ${period}` : `too low for this request: ${used} of ${budget} tokens per ${period} are used or held by requests in flight, and its prompt alone is about ${promptTokens} tokens`;
  return new RateLimitError(
    `Token budget of the API key "${key.name}" ${state}. It renews at ${new Date(renewsAt).toISOString()}.`,
    {
      code: period === 'day' ? 'api_key_daily_token_budget_exceeded' : 'api_key_monthly_token_budget_exceeded',
      retryable: true,
      retryAfterSeconds: Math.ceil((renewsAt - now) / 1000),
      details: { limit: period === 'day' ? 'tokens_per_day' : 'tokens_per_month', budget, used, renewsAt },
    },
  );
}
