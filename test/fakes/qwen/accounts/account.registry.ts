import { randomBytes, randomUUID } from 'node:crypto';
import { browserCookieJar } from './browser-cookie-jar';
import { signToken, verifyToken } from './json-web-token';

/** Options of `FakeQwen.issueAccount()`. */
export interface IssueAccountOptions {
  /** Token lifetime; 0 or negative issues an already-expired token. Default: the fake's `tokenLifetimeSeconds`. */
  expiresInSeconds?: number;
  /** A human name for logs and the profile; default `Fake User <n>`. */
  label?: string;
}

/** A web account of the fake, with the credentials a user would copy from their browser. */
export interface IssuedAccount {
  id: string;
  label: string;
  email: string;
  /** The JWT of the `token` cookie, to send as `Authorization: Bearer`. */
  token: string;
  /** The whole cookie jar, `token=<jwt>` and the WAF cookies included. */
  cookies: string;
  expiresAt: Date;
}

/** The accounts the fake has issued; a token is valid only if it is listed here. */
export class AccountRegistry {
  private readonly accountsByToken = new Map<string, IssuedAccount>();
  // Per fake instance, so a token from another fake (or a real one) is "unknown", not "valid".
  private readonly signingSecret = randomBytes(32).toString('hex');

  constructor(private readonly defaultLifetimeSeconds: number) {}

  issue(options: IssueAccountOptions = {}): IssuedAccount {
    const now = Math.floor(Date.now() / 1000);
    const expiresAtSeconds = now + (options.expiresInSeconds ?? this.defaultLifetimeSeconds);
    const id = randomUUID();
    const token = signToken({ id, last_password_change: now - 86_400, exp: expiresAtSeconds }, this.signingSecret);
    const number = this.accountsByToken.size + 1;
    const account: IssuedAccount = {
      id,
      label: options.label ?? `Fake User ${number}`,
      email: `fake-user-${number}@example.com`,
      token,
      cookies: browserCookieJar(token),
      expiresAt: new Date(expiresAtSeconds * 1000),
    };
    this.accountsByToken.set(token, account);
    return account;
  }

  /** A new token for the same account (a refresh): the old one stays valid until it expires. */
  renew(account: IssuedAccount, expiresInSeconds = this.defaultLifetimeSeconds): IssuedAccount {
    const now = Math.floor(Date.now() / 1000);
    const expiresAtSeconds = now + expiresInSeconds;
    const token = signToken({ id: account.id, last_password_change: now - 86_400, exp: expiresAtSeconds }, this.signingSecret);
    const renewed: IssuedAccount = { ...account, token, cookies: browserCookieJar(token), expiresAt: new Date(expiresAtSeconds * 1000) };
    this.accountsByToken.set(token, renewed);
    return renewed;
  }

  /** The account a well-formed, fake-signed token belongs to; undefined for any other string. */
  findByToken(token: string): IssuedAccount | undefined {
    return verifyToken(token, this.signingSecret) ? this.accountsByToken.get(token) : undefined;
  }

  isExpired(account: IssuedAccount, now = new Date()): boolean {
    return account.expiresAt.getTime() <= now.getTime();
  }
}
