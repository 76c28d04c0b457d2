import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  AuthenticationError,
  type GatewayError,
  PermissionDeniedError,
  RateLimitError,
} from '@qwen-proxy/contracts';
import type { QwenAccountLease, QwenAccountSource } from '@qwen-proxy/providers';
import { createAccountProxyAgent, missingAntiBotCookies, parseCookieString, QwenClient, withoutStaleCapturedHeaders } from '@qwen-proxy/qwen';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { StatusEvents } from '../events/status-events';
import { SettingsService } from '../settings/settings.service';
import { CredentialsService, type UsableCredential } from './credentials.service';

/** How long a request waits for a busy account to free a slot before it is refused. */
const slotWaitMs = 60_000;
/**
 * `Bad_Request` answers in a row (no success between) after which an account is marked invalid.
 * One can be a passing upstream hiccup; two in a row on one account, while requests move on to
 * others, is an account problem the user must see.
 */
export const rejectionsBeforeInvalid = 2;
/** Tokens are renewed this long before their `exp` (a Qwen JWT may live only an hour). */
const refreshBeforeExpiryMs = 10 * 60_000;

/**
 * Lends accounts to requests: the preferred one (a conversation's owner) when usable, otherwise
 * the least recently used healthy one, never more than its concurrency limit at once (many
 * parallel streams on one account invite bans). Upstream failures change an account's state here,
 * once.
 */
@Injectable()
export class QwenAccountPool implements QwenAccountSource, OnModuleDestroy {
  private readonly logger = new Logger(QwenAccountPool.name);
  private readonly inflight = new Map<string, number>();
  private readonly proxiedClients = new Map<string, QwenClient>();
  /** Accounts whose token is being renewed right now. */
  private readonly refreshing = new Set<string>();
  private slotWaiters: (() => void)[] = [];
  private readonly consecutiveRejections = new Map<string, number>();

  constructor(
    private readonly credentials: CredentialsService,
    private readonly settings: SettingsService,
    private readonly client: QwenClient,
    private readonly events: StatusEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.proxiedClients.values()].map((client) => client.close()));
  }

  inflightOf(accountId: string): number {
    return this.inflight.get(accountId) ?? 0;
  }

  async acquire(options: { preferredId?: string | null; excludeIds?: readonly string[]; signal?: AbortSignal } = {}): Promise<QwenAccountLease> {
    const deadline = Date.now() + slotWaitMs;
    for (;;) {
      const now = Date.now();
      const all = await this.credentials.usable();
      const usable = all.filter((candidate) => !options.excludeIds?.includes(candidate.row.id) && isUsable(candidate, now));
      if (usable.length === 0) throw noAccountError(all, now);
      const free = usable.filter((candidate) => this.inflightOf(candidate.row.id) < this.limitOf(candidate));
      const preferred = usable.find((candidate) => candidate.row.id === options.preferredId);
      // A conversation waits for its own account: its chat lives there.
      const chosen = preferred
        ? free.includes(preferred)
          ? preferred
          : undefined
        : free.sort((left, right) => (left.row.lastUsedAt ?? 0) - (right.row.lastUsedAt ?? 0))[0];
      if (chosen) {
        this.refreshIfExpiring(chosen, now);
        return this.lend(chosen, now);
      }
      if (Date.now() >= deadline) {
        throw new RateLimitError('Every usable Qwen account is busy with its maximum of parallel requests; retry shortly, raise accountConcurrency, or add an account.', {
          code: 'qwen_accounts_busy',
          retryable: true,
          retryAfterSeconds: 5,
        });
      }
      await this.waitForSlot(deadline - Date.now(), options.signal);
    }
  }

  /**
   * Applies an upstream failure to the account's state. `conclusive` (an explicit Test) marks a
   * refused account at once instead of waiting for `rejectionsBeforeInvalid` refusals. Requests
   * do not wait; the returned promise (never rejected) settles once the state is stored.
   */
  reportFailure(accountId: string, error: GatewayError, options: { conclusive?: boolean } = {}): Promise<void> {
    if (error.credentialEffect === 'rejected') {
      const rejections = (this.consecutiveRejections.get(accountId) ?? 0) + (options.conclusive ? rejectionsBeforeInvalid : 1);
      this.consecutiveRejections.set(accountId, rejections);
      if (rejections < rejectionsBeforeInvalid) return Promise.resolve();
      return this.rejectedState(accountId, rejections, options.conclusive).then((state) => this.applyState(accountId, error, state));
    }
    const state = stateAfter(error);
    return state ? this.applyState(accountId, error, state) : Promise.resolve();
  }

  reportSuccess(accountId: string): void {
    // A usable account is already `valid`; only the run of refusals starts over.
    this.consecutiveRejections.delete(accountId);
  }

  private applyState(accountId: string, error: GatewayError, state: Parameters<CredentialsService['updateState']>[1]): Promise<void> {
    this.logger.warn(`Qwen account ${accountId} is now ${state.status}: ${error.code}`);
    const stored = this.credentials.updateState(accountId, state).catch((failure: unknown) => {
      this.logger.error(`Could not record the state of account ${accountId}: ${String(failure)}`);
    });
    this.events.publish({ type: 'credential-changed', id: accountId, status: state.status ?? 'valid' });
    return stored;
  }

  /** Invalid, with a reason that names the cookies the jar lacks (the usual cause). */
  private async rejectedState(accountId: string, rejections: number, byTest = false): Promise<Parameters<CredentialsService['updateState']>[1]> {
    const account = (await this.credentials.usable().catch(() => [])).find((candidate) => candidate.row.id === accountId);
    const missing = missingAntiBotCookies(account?.row.cookieNames ? account.row.cookieNames.split(',') : []);
    const times = byTest ? 'a test request' : `${rejections} requests in a row`;
    return {
      status: 'invalid',
      statusReason:
        `Qwen answered Bad_Request to ${times} on this account` +
        (missing.length ? `; its cookie jar lacks ${missing.join(', ')}` : '') +
        ': log in to chat.qwen.ai, copy the whole cookie string and reconnect (if every account fails this way, update QWEN_BX_V / QWEN_WEB_VERSION).',
    };
  }

  /**
   * A token close to its `exp` is renewed in the background when the cookie jar holds a
   * `refresh_token` (D11); this request still goes out with the current, valid one. Without a
   * refresh token the console's expiry chip asks the owner to reconnect.
   */
  private refreshIfExpiring(chosen: UsableCredential, now: number): void {
    const { id, expiresAt } = chosen.row;
    if (expiresAt === null || expiresAt - now > refreshBeforeExpiryMs || expiresAt <= now || this.refreshing.has(id)) return;
    const refreshToken = parseCookieString(chosen.credentials.cookies).find((cookie) => cookie.name === 'refresh_token')?.value;
    if (!refreshToken) return;
    this.refreshing.add(id);
    const client = this.clientOf(chosen);
    client
      .refreshToken(chosen.credentials, refreshToken, AbortSignal.timeout(15_000))
      .then((renewed) => this.credentials.renewToken(id, renewed.token, renewed.refreshToken))
      .then(
        () => {
          this.logger.log(`Renewed the Qwen token of account ${id} before it expired.`);
          this.events.publish({ type: 'credential-changed', id, status: 'valid' });
        },
        (failure: unknown) => this.logger.warn(`Could not renew the Qwen token of account ${id}: ${failure instanceof Error ? failure.message : String(failure)}`),
      )
      .finally(() => this.refreshing.delete(id));
  }

  private lend(chosen: UsableCredential, now: number): QwenAccountLease {
    const id = chosen.row.id;
    this.inflight.set(id, this.inflightOf(id) + 1);
    // The row is the credentials cache's own: the next least-recently-used choice sees this at once.
    chosen.row.lastUsedAt = now;
    this.credentials.noteUsed(id, now);
    if (chosen.row.status === 'cooldown') {
      // The cooldown is over: say so at once, other processes and the console read the row.
      void this.credentials.updateState(id, { status: 'valid', statusReason: null, cooldownUntil: null }).catch((failure: unknown) => {
        this.logger.warn(`Could not mark account ${id} usable again: ${String(failure)}`);
      });
    }
    let released = false;
    const lease: QwenAccountLease = {
      id,
      label: chosen.row.label,
      // Pasted bx-* headers past their age are left out (D2).
      credentials: withoutStaleCapturedHeaders(chosen.credentials, chosen.row.bxCapturedAt ?? null, now, this.config.qwen.capturedHeaderMaxAge).credentials,
      client: chosen.proxyUrl ? this.clientOf(chosen) : undefined,
      release: () => {
        if (released) return;
        released = true;
        this.inflight.set(id, Math.max(0, this.inflightOf(id) - 1));
        const waiters = this.slotWaiters;
        this.slotWaiters = [];
        for (const wake of waiters) wake();
      },
    };
    return lease;
  }

  private limitOf(candidate: UsableCredential): number {
    return candidate.row.maxConcurrency ?? this.settings.get().accountConcurrency;
  }

  private waitForSlot(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', wake);
        this.slotWaiters = this.slotWaiters.filter((waiter) => waiter !== wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, timeoutMs));
      this.slotWaiters.push(wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  }

  /**
   * The client that reaches Qwen the way this account does: through its own proxy when it has
   * one (bounded connect and CONNECT, failures classified as the proxy's), else the shared one.
   * The account Test uses it too, so it never exposes this machine's own address.
   */
  clientOf(account: UsableCredential): QwenClient {
    const proxyUrl = account.proxyUrl;
    if (!proxyUrl) return this.client;
    let client = this.proxiedClients.get(proxyUrl);
    if (!client) {
      const dispatcher = createAccountProxyAgent(proxyUrl, {
        connectTimeoutMs: this.config.qwen.proxyConnectTimeoutMs,
        tunnelTimeoutMs: this.config.qwen.proxyTunnelTimeoutMs,
      });
      // One front-end version for the whole pool: the homepage is read once, whatever the proxy.
      client = new QwenClient({ ...this.client.options, dispatcher }, { webVersion: this.client.webVersion });
      this.proxiedClients.set(proxyUrl, client);
    }
    return client;
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
  // The first account's own reason (expired, refused with Bad_Request…) says what to fix.
  const reason = all.find(({ row }) => row.statusReason)?.row;
  return new AuthenticationError(
    'Every connected Qwen account has an expired or rejected token: log in to chat.qwen.ai again and reconnect (extension, desktop app, or POST /api/credentials).' +
      (reason ? ` "${reason.label}": ${reason.statusReason}` : ''),
    { code: 'qwen_token_expired' },
  );
}

function formatWait(seconds: number): string {
  if (seconds >= 3600) return `${Math.round(seconds / 360) / 10} hours`;
  if (seconds >= 60) return `${Math.ceil(seconds / 60)} minutes`;
  return `${seconds} seconds`;
}
