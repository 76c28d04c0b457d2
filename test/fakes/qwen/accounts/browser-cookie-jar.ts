import { randomBytes } from 'node:crypto';

/** The WAF cookies without which completions fail (protocol §2, §6). */
export const REQUIRED_WAF_COOKIES = ['acw_tc', 'ssxmod_itna'] as const;

/**
 * Builds the whole `.qwen.ai` cookie jar a logged-in browser holds, in a browser's order: the
 * anti-bot cookies around the `token` one. Values are random but shaped like the real ones, so a
 * proxy that mangles long values or `=` inside values shows it.
 */
export function browserCookieJar(token: string): string {
  const cookies: Array<[string, string]> = [
    ['cna', randomText(24)],
    ['_bl_uid', randomText(30)],
    ['x-ap', 'ap-southeast-1'],
    ['sca', randomBytes(4).toString('hex')],
    ['xlly_s', '1'],
    ['acw_tc', randomBytes(30).toString('hex')],
    ['token', token],
    ['atpsida', `${randomBytes(12).toString('hex')}_${Math.floor(Date.now() / 1000)}_1`],
    ['tfstk', randomText(160)],
    ['ssxmod_itna', `${randomText(120)}==`],
    ['ssxmod_itna2', `${randomText(180)}=`],
    ['isg', randomText(64)],
  ];
  return cookies.map(([name, value]) => `${name}=${value}`).join('; ');
}

function randomText(length: number): string {
  return randomBytes(length).toString('base64url').slice(0, length);
}
