import type { GatewayError } from '@qwen-proxy/contracts';
import type { QwenClient, QwenCredentials } from '@qwen-proxy/qwen';

/** One account lent to one request; release it when the request ends, whatever happened. */
export interface QwenAccountLease {
  id: string;
  label: string;
  credentials: QwenCredentials;
  /** A client bound to this account's own outbound proxy, when it has one. */
  client?: Pick<QwenClient, 'createChat' | 'streamCompletion'>;
  release(): void;
}

/**
 * The accounts the Qwen web provider may use (one, or a pool). `acquire` rejects with a
 * GatewayError when none is usable, saying why (none connected, all cooling down, all expired).
 */
export interface QwenAccountSource {
  acquire(options?: { preferredId?: string | null; excludeIds?: readonly string[]; signal?: AbortSignal }): Promise<QwenAccountLease>;
  /** An upstream failure met with this account: the source applies its `credentialEffect`. */
  reportFailure(accountId: string, error: GatewayError): void;
  reportSuccess(accountId: string): void;
}
