/**
 * Credentials the Qwen mock accepts and the proxy believes: a JWT-shaped token whose `exp` lies
 * a day ahead (the proxy reads it to skip expired accounts) and the cookie jar the WAF wants.
 */
export function benchQwenCredentials(accountNumber: number): { token: string; cookies: string } {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const payload = { id: `bench-account-${accountNumber}`, last_password_change: 0, exp: Math.floor(Date.now() / 1000) + 86_400 };
  const token = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}.${Buffer.from('bench-signature').toString('base64url')}`;
  return { token, cookies: `token=${token}; acw_tc=bench${accountNumber}; ssxmod_itna=bench${accountNumber}` };
}
