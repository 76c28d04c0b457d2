import type { IssuedAccount } from '../accounts/account.registry';
import type { FakeQwenState } from '../fake-qwen.state';
import type { HttpExchange } from '../http/http-exchange';
import { authenticate } from '../validation/authentication.validation';
import { checkBrowserHeaders } from '../validation/browser-headers.validation';

/** Which API a call belongs to: the v2 API the web UI calls wants browser headers, the older v1 does not. */
export interface GuardOptions {
  api: 'version-1' | 'version-2';
}

/**
 * The checks every authenticated call passes first: the token, then (for the v2 API the web UI
 * calls) the browser headers. Refuses the request itself and returns undefined when one fails.
 */
export function guardBrowserCall(
  exchange: HttpExchange,
  state: FakeQwenState,
  options: GuardOptions = { api: 'version-2' },
): IssuedAccount | undefined {
  const authentication = authenticate(
    { authorization: exchange.header('authorization'), tokenCookie: exchange.cookies.get('token') },
    state.accounts,
    { expiredAs: options.api === 'version-2' ? 'envelope' : 'http-401' },
  );
  if (!authentication.ok) {
    exchange.reject(authentication.rejection);
    return undefined;
  }
  exchange.record.accountId = authentication.value.id;
  if (options.api === 'version-1') {
    return authentication.value;
  }
  const requestId = exchange.header('x-request-id');
  const headers = checkBrowserHeaders({ source: exchange.header('source'), requestId, userAgent: exchange.header('user-agent') });
  if (!headers.ok) {
    exchange.reject(headers.rejection);
    return undefined;
  }
  if (requestId && state.seenRequestIds.has(requestId)) {
    exchange.note(`x-request-id ${requestId} was already used: the web UI sends a fresh one per request`);
  }
  if (requestId) {
    state.seenRequestIds.add(requestId);
  }
  return authentication.value;
}
