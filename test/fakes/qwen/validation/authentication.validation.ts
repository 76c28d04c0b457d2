import type { AccountRegistry, IssuedAccount } from '../accounts/account.registry';
import { notAuthenticated, tokenExpired } from '../failures/qwen-error.replies';
import { passed, refused, type Checked } from './rejection';

/** The credentials one request carries. */
export interface PresentedCredentials {
  authorization: string | undefined;
  /** The `token` cookie, when the cookie jar was sent. */
  tokenCookie: string | undefined;
}

/**
 * The bearer token must be one the fake issued, and the same as the `token` cookie when that is
 * sent: an unknown or mismatched token is a real 401, an expired one the 200 `unauthorized`
 * envelope on the v2 API (a 401 on the v1 profile, which only knows "profile or 401").
 */
export function authenticate(
  credentials: PresentedCredentials,
  accounts: AccountRegistry,
  options: { expiredAs: 'envelope' | 'http-401' } = { expiredAs: 'envelope' },
  now = new Date(),
): Checked<IssuedAccount> {
  const bearer = /^Bearer (\S+)$/.exec(credentials.authorization ?? '')?.[1];
  if (!bearer) {
    return refused(notAuthenticated(), 'no "Authorization: Bearer <token>" header');
  }
  const account = accounts.findByToken(bearer);
  if (!account) {
    return refused(notAuthenticated(), 'the bearer token is malformed or was not issued by this fake');
  }
  if (credentials.tokenCookie !== undefined && credentials.tokenCookie !== bearer) {
    return refused(notAuthenticated(), 'the bearer token differs from the token cookie');
  }
  if (accounts.isExpired(account, now)) {
    const reply = options.expiredAs === 'envelope' ? tokenExpired() : notAuthenticated();
    return refused(reply, `the token expired at ${account.expiresAt.toISOString()}`);
  }
  return passed(account);
}
