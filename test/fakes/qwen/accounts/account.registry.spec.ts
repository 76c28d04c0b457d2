import { AccountRegistry } from './account.registry';

describe(AccountRegistry.name, () => {
  const sut = new AccountRegistry(3600);

  it('issues a JWT-shaped token whose payload holds id, last_password_change and exp', () => {
    const account = sut.issue({ label: 'alice' });
    const [header, payload, signature] = account.token.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    expect(claims).toEqual({ id: account.id, last_password_change: expect.any(Number), exp: expect.any(Number) });
    expect(claims.exp * 1000).toBe(account.expiresAt.getTime());
    expect(signature).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('puts the token and every WAF cookie into the cookie jar', () => {
    const account = sut.issue();
    const names = account.cookies.split('; ').map((cookie) => cookie.slice(0, cookie.indexOf('=')));
    expect(names).toEqual(
      expect.arrayContaining(['token', 'acw_tc', 'ssxmod_itna', 'ssxmod_itna2', 'cna', 'isg', 'tfstk', 'x-ap']),
    );
    expect(account.cookies).toContain(`token=${account.token}`);
  });

  it('knows only the tokens it issued, unaltered', () => {
    const account = sut.issue();
    expect(sut.findByToken(account.token)).toBe(account);
    expect(sut.findByToken(`${account.token}x`)).toBeUndefined();
    expect(sut.findByToken(new AccountRegistry(3600).issue().token)).toBeUndefined();
    expect(sut.findByToken('not-a-jwt')).toBeUndefined();
  });

  it('issues already-expired tokens on request', () => {
    expect(sut.isExpired(sut.issue({ expiresInSeconds: -60 }))).toBe(true);
    expect(sut.isExpired(sut.issue())).toBe(false);
  });
});
