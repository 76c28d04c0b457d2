import type { GatewayError } from '@qwen-proxy/contracts';

export type ProviderHealthState = 'healthy' | 'cooling-down' | 'probing';

export interface ProviderHealthView {
  state: ProviderHealthState;
  consecutiveFailures: number;
  cooldownUntil: number | null;
  lastError: string | null;
}

export interface ProviderHealthSettings {
  /** Consecutive failures that put a provider in cooldown. */
  failureThreshold: number;
  /** Cooldown length when the upstream named none, in milliseconds; doubles while probes fail. */
  cooldownMs: number;
  /** The longest cooldown, in milliseconds. */
  maxCooldownMs: number;
}

interface Entry extends ProviderHealthView {
  /** Doubles with each failed probe; the cooldown is the configured one times this. */
  backoff: number;
}

/**
 * Circuit breaking per provider. Failures that say something about the provider (5xx, network,
 * timeouts, rate limits) count; a client's bad request does not. After the threshold, or at once
 * when the upstream names a retry-after, the provider cools down; when the cooldown ends it is
 * probed in the background and takes traffic again only once a probe succeeds.
 */
export class ProviderHealth {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly settings: () => ProviderHealthSettings,
    private readonly probe: (providerId: string) => Promise<void>,
    private readonly now: () => number = Date.now,
    private readonly onChange: (providerId: string, view: ProviderHealthView) => void = () => undefined,
  ) {}

  /** May this provider take a request now? Starts a probe when its cooldown has run out. */
  isAvailable(providerId: string): boolean {
    const entry = this.entries.get(providerId);
    if (!entry || entry.state === 'healthy') return true;
    if (entry.state === 'cooling-down' && (entry.cooldownUntil ?? 0) <= this.now()) this.startProbe(providerId, entry);
    return false;
  }

  /** Seconds until the soonest of these providers may take traffic again (for retry-after). */
  secondsUntilAvailable(providerIds: readonly string[]): number {
    const waits = providerIds.map((id) => Math.max(0, ((this.entries.get(id)?.cooldownUntil ?? this.now()) - this.now()) / 1000));
    return Math.max(1, Math.ceil(Math.min(...waits, 3600)));
  }

  recordSuccess(providerId: string): void {
    const entry = this.entries.get(providerId);
    if (!entry || (entry.state === 'healthy' && entry.consecutiveFailures === 0)) return;
    this.entries.set(providerId, this.healthy());
    this.onChange(providerId, this.view(providerId));
  }

  recordFailure(providerId: string, error: GatewayError): void {
    if (!countsAgainstProvider(error)) return;
    const entry = this.entries.get(providerId) ?? this.healthy();
    entry.consecutiveFailures += 1;
    entry.lastError = `${error.code}: ${error.message}`;
    const { failureThreshold } = this.settings();
    if (error.retryAfterSeconds !== undefined && error.status === 429) {
      this.coolDown(entry, error.retryAfterSeconds * 1000);
    } else if (entry.consecutiveFailures >= failureThreshold) {
      this.coolDown(entry, this.settings().cooldownMs * entry.backoff);
    }
    this.entries.set(providerId, entry);
    this.onChange(providerId, this.view(providerId));
  }

  view(providerId: string): ProviderHealthView {
    const { state, consecutiveFailures, cooldownUntil, lastError } = this.entries.get(providerId) ?? this.healthy();
    return { state, consecutiveFailures, cooldownUntil, lastError };
  }

  forget(providerId: string): void {
    this.entries.delete(providerId);
  }

  private coolDown(entry: Entry, durationMs: number): void {
    entry.state = 'cooling-down';
    entry.cooldownUntil = this.now() + Math.min(durationMs, this.settings().maxCooldownMs);
  }

  private startProbe(providerId: string, entry: Entry): void {
    entry.state = 'probing';
    this.onChange(providerId, this.view(providerId));
    this.probe(providerId).then(
      () => {
        if (this.entries.get(providerId) !== entry) return;
        this.entries.set(providerId, this.healthy());
        this.onChange(providerId, this.view(providerId));
      },
      (error: unknown) => {
        if (this.entries.get(providerId) !== entry) return;
        entry.lastError = `probe failed: ${error instanceof Error ? error.message : String(error)}`;
        entry.backoff *= 2;
        this.coolDown(entry, this.settings().cooldownMs * entry.backoff);
        this.onChange(providerId, this.view(providerId));
      },
    );
  }

  private healthy(): Entry {
    return { state: 'healthy', consecutiveFailures: 0, cooldownUntil: null, lastError: null, backoff: 1 };
  }
}

/** A failure that tells about the provider's health rather than about the request. */
export function countsAgainstProvider(error: GatewayError): boolean {
  return error.status === 429 || error.status === 408 || error.status >= 500;
}
