import {
  cookieHeaderFor,
  decodeTokenExpiry,
  effectiveToken,
  parseCookieString,
  tokenFromCookies,
} from './qwen-credentials';

function jwtWith(payload: unknown): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}.signature`;
}

describe(decodeTokenExpiry.name, () => {
  it('turns the exp claim (seconds) into epoch milliseconds', () => {
    expect(decodeTokenExpiry(jwtWith({ id: 'user-1', last_password_change: 1, exp: 1772726060 }))).toBe(1772726060000);
  });

  it('accepts a token pasted with its Bearer prefix', () => {
    expect(decodeTokenExpiry(`Bearer ${jwtWith({ exp: 10 })}`)).toBe(10000);
  });

  it.each([
    ['an empty string', ''],
    ['an opaque token', 'not-a-jwt'],
    ['a corrupted payload', 'header.%%%.signature'],
    ['a payload without exp', jwtWith({ id: 'user-1' })],
    ['a non-numeric exp', jwtWith({ exp: 'soon' })],
    ['a boolean exp', jwtWith({ exp: true })],
    ['a payload that is not an object', jwtWith(42)],
  ])('gives undefined for %s', (_label, token) => {
    expect(decodeTokenExpiry(token)).toBeUndefined();
  });
});

describe(parseCookieString.name, () => {
  it('reads a Cookie header, keeping order and any = inside values', () => {
    expect(parseCookieString('Cookie: acw_tc=a1; x5sec=7b22=; cna=c3')).toEqual([
      { name: 'acw_tc', value: 'a1' },
      { name: 'x5sec', value: '7b22=' },
      { name: 'cna', value: 'c3' },
    ]);
  });

  it('tolerates new lines, stray separators and entries without a value', () => {
    expect(parseCookieString(' a=1;;\n b=2 ;\r\nflag; =nameless ')).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: '2' },
    ]);
  });

  it('reads a browser-extension JSON export', () => {
    const exported = '[{"name":"token","value":"jwt","domain":".qwen.ai"},{"name":"cna","value":"c"},{"bad":1}]';
    expect(parseCookieString(exported)).toEqual([
      { name: 'token', value: 'jwt' },
      { name: 'cna', value: 'c' },
    ]);
  });
});

describe(tokenFromCookies.name, () => {
  it('finds the token cookie', () => {
    expect(tokenFromCookies('acw_tc=a; token=eyJ.jwt.sig; cna=c')).toBe('eyJ.jwt.sig');
  });

  it('gives undefined without one', () => {
    expect(tokenFromCookies('acw_tc=a; token=')).toBeUndefined();
  });
});

describe(effectiveToken.name, () => {
  it('prefers the explicit token and falls back to the cookie', () => {
    expect(effectiveToken({ token: 'explicit', cookies: 'token=cookie' })).toBe('explicit');
    expect(effectiveToken({ token: ' ', cookies: 'token=cookie' })).toBe('cookie');
  });
});

describe(cookieHeaderFor.name, () => {
  it('replaces a stale token cookie in place and keeps the rest of the jar', () => {
    expect(cookieHeaderFor({ token: 'fresh', cookies: 'acw_tc=a; token=stale; ssxmod_itna=s' })).toBe(
      'acw_tc=a; token=fresh; ssxmod_itna=s',
    );
  });

  it('adds the token cookie when the jar has none', () => {
    expect(cookieHeaderFor({ token: 'fresh', cookies: 'acw_tc=a' })).toBe('acw_tc=a; token=fresh');
  });

  it('keeps exactly one token cookie when the jar has several', () => {
    expect(cookieHeaderFor({ token: 'fresh', cookies: 'token=old1; a=1; token=old2' })).toBe('token=fresh; a=1');
  });

  it('sends the jar as is when only cookies were pasted', () => {
    expect(cookieHeaderFor({ token: '', cookies: 'a=1; token=jwt' })).toBe('a=1; token=jwt');
  });

  it('makes a jar of the token alone', () => {
    expect(cookieHeaderFor({ token: 'jwt', cookies: '' })).toBe('token=jwt');
  });
});
