import { randomBytes } from 'node:crypto';
import type { FakeQwenState } from '../fake-qwen.state';
import { successEnvelope, tokenExpired } from '../failures/qwen-error.replies';
import type { HttpExchange } from '../http/http-exchange';
import type { IssuedAccount } from './account.registry';

/** A refresh token for an account (single use: each refresh hands out the next one). */
export function issueRefreshToken(state: FakeQwenState, account: IssuedAccount): string {
  const refreshToken = `rt_${randomBytes(24).toString('base64url')}`;
  state.refreshTokens.set(refreshToken, account);
  return refreshToken;
}

/**
 * `POST /api/v2/auths/refresh {"refresh_token"}` → `{data:{token, refresh_token}}` (the shape the
 * brief of issue 13 gives; no capture of it exists). An unknown or used refresh token answers the
 * `unauthorized` envelope.
 */
export function refreshToken(exchange: HttpExchange, state: FakeQwenState): void {
  const body = (typeof exchange.body === 'object' && exchange.body !== null ? exchange.body : {}) as { refresh_token?: unknown };
  const presented = typeof body.refresh_token === 'string' ? body.refresh_token : '';
  const account = state.refreshTokens.get(presented);
  if (!account) {
    exchange.reject({ error: tokenExpired('Refresh token is invalid or expired, please log in again.'), reason: 'unknown or used refresh_token' });
    return;
  }
  state.refreshTokens.delete(presented);
  const renewed = state.accounts.renew(account);
  const next = issueRefreshToken(state, renewed);
  exchange.answer(successEnvelope({ token: renewed.token, refresh_token: next, token_type: 'Bearer', expires_at: Math.floor(renewed.expiresAt.getTime() / 1000) }));
}
