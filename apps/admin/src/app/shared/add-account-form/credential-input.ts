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
