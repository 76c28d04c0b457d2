import type { CreateCredential } from '../../core/api/api-types';

export interface CredentialFormValue {
  cookies: string;
  label: string;
  token: string;
  maxConcurrency: string;
  proxyUrl: string;
}

/**
 * The POST body from the form: trims, drops empty optionals, and accepts a pasted `Cookie:`
 * header line as well as the bare cookie string. Pure.
 */
export function buildCredentialInput(value: CredentialFormValue): CreateCredential {
  const cookies = value.cookies
    .trim()
    .replace(/^cookie:\s*/i, '')
    .replace(/\s*\n\s*/g, ' ');
  const body: CreateCredential = { cookies };
  if (value.label.trim()) body.label = value.label.trim();
  if (value.token.trim()) body.token = value.token.trim();
  const concurrency = Number.parseInt(value.maxConcurrency, 10);
  if (Number.isFinite(concurrency) && concurrency > 0) body.maxConcurrency = concurrency;
  if (value.proxyUrl.trim()) body.proxyUrl = value.proxyUrl.trim();
  return body;
}

/**
 * chat.qwen.ai's anti-bot cookies (the server's `missingCookies` uses the same list). With only
 * `token=` the chat opens but Qwen answers some or all completions with `Bad_Request`.
 */
export const antiBotCookieNames = ['acw_tc', 'ssxmod_itna', 'cna', 'tfstk', 'isg'] as const;

/** The anti-bot cookies a pasted cookie string lacks; empty while nothing is pasted. Pure. */
export function missingAntiBotCookies(pasted: string): string[] {
  const text = pasted.trim().replace(/^cookie:\s*/i, '');
  if (!text) return [];
  const names = new Set(
    text
      .split(';')
      .map((part) => part.split('=')[0]!.trim())
      .filter(Boolean),
  );
  return antiBotCookieNames.filter((name) => !names.has(name));
}
