import { REQUIRED_WAF_COOKIES } from '../accounts/browser-cookie-jar';
import { badRequest } from '../failures/qwen-error.replies';
import { passed, refused, type Checked } from './rejection';

/**
 * Completions need the browser's cookie jar, not just the bearer token: without the `token`
 * cookie and the WAF cookies the service answers `Bad_Request` (while `chats/new` still works).
 */
export function checkWafCookies(cookies: ReadonlyMap<string, string>): Checked<void> {
  const missing = ['token', ...REQUIRED_WAF_COOKIES].filter((name) => !cookies.get(name));
  if (missing.length > 0) {
    return refused(badRequest(), `cookies missing from the jar: ${missing.join(', ')}`);
  }
  return passed(undefined);
}
