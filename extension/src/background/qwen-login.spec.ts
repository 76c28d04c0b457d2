import { looksLikeJwt, pageTokenOf, qwenLoginOf, tokenExpiry } from './qwen-login';

const base64Url = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const jwt = (claims: object) => `eyJhbGciOiJIUzI1NiJ9.${base64Url(JSON.stringify(claims))}.c2ln`;

describe(qwenLoginOf.name, () => {
  const now = 1_700_000_000_000;

  it('is logged in with an unexpired cookie token', () => {
    const token = jwt({ id: 'u1', exp: now / 1000 + 60 });
    expect(qwenLoginOf({ cookieToken: token, now })).toEqual({ loggedIn: true, token, expiresAt: now + 60_000 });
  });

  it('prefers the cookie token to the page one, and falls back to the page one', () => {
    const cookieToken = jwt({ id: 'cookie' });
    const pageToken = jwt({ id: 'page' });
    expect(qwenLoginOf({ cookieToken, pageToken, now }).token).toBe(cookieToken);
    expect(qwenLoginOf({ pageToken, now }).token).toBe(pageToken);
  });

  it('is logged out with no token, a malformed one, or an expired one', () => {
    expect(qwenLoginOf({ now }).loggedIn).toBe(false);
    expect(qwenLoginOf({ cookieToken: 'garbage', now }).loggedIn).toBe(false);
    expect(qwenLoginOf({ cookieToken: jwt({ exp: now / 1000 - 1 }), now })).toMatchObject({ loggedIn: false, expiresAt: now - 1000 });
  });
});

describe(tokenExpiry.name, () => {
  it('reads exp, tolerating unreadable payloads', () => {
    expect(tokenExpiry(jwt({ exp: 10 }))).toBe(10_000);
    expect(tokenExpiry(jwt({ name: 'é' }))).toBeUndefined();
    expect(tokenExpiry('a.!!!.c')).toBeUndefined();
  });
});

describe(pageTokenOf.name, () => {
  it('accepts plain and JSON-quoted tokens only', () => {
    const token = jwt({ id: 'x' });
    expect(pageTokenOf(token)).toBe(token);
    expect(pageTokenOf(JSON.stringify(token))).toBe(token);
    expect(pageTokenOf('{"a":1}')).toBeNull();
    expect(pageTokenOf(null)).toBeNull();
    expect(looksLikeJwt('a.b')).toBe(false);
  });
});
