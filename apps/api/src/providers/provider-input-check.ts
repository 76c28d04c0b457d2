import { BadRequestError } from '@qwen-proxy/contracts';

/** An HTTP header name: RFC 9110 token characters only. */
const headerNamePattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Control characters (CR and LF among them) would split a header, or smuggle another one. */
function hasForbiddenCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    // Tab is allowed in a header value; every other C0 control and DEL is not.
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}
const maxHeaders = 50;
const maxHeaderValueLength = 8192;

/**
 * Refuses a base URL that carries credentials (`user:password@`): they would be stored in clear
 * and shown wherever the URL is. The secret belongs in `apiKey` or a header, both encrypted.
 */
export function checkBaseUrl(baseUrl: string): void {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new BadRequestError('`baseUrl` is not a URL.', { code: 'invalid_request', param: 'baseUrl' });
  }
  if (url.username || url.password) {
    throw new BadRequestError('`baseUrl` must not carry credentials (user:password@): put the secret in `apiKey` or in `headers`, which are stored encrypted.', {
      code: 'credentials_in_base_url',
      param: 'baseUrl',
    });
  }
}

/** Refuses header names that are not tokens and values with line breaks or other control characters. */
export function checkHeaders(headers: Record<string, unknown> | undefined): void {
  if (!headers) return;
  const entries = Object.entries(headers);
  if (entries.length > maxHeaders) throw new BadRequestError(`At most ${maxHeaders} headers.`, { code: 'invalid_request', param: 'headers' });
  for (const [name, value] of entries) {
    if (!headerNamePattern.test(name)) {
      throw new BadRequestError(`Header name ${JSON.stringify(name)} is not a valid HTTP header name.`, { code: 'invalid_header', param: `headers.${name}` });
    }
    if (typeof value !== 'string' || value.length > maxHeaderValueLength || hasForbiddenCharacter(value)) {
      throw new BadRequestError(`Header ${name} must be a string of at most ${maxHeaderValueLength} characters without line breaks or control characters.`, {
        code: 'invalid_header',
        param: `headers.${name}`,
      });
    }
  }
}

/** A base URL as shown: credentials a row stored before they were refused are masked. */
export function displayedBaseUrl(baseUrl: string | null): string | null {
  if (!baseUrl) return baseUrl;
  try {
    const url = new URL(baseUrl);
    if (!url.username && !url.password) return baseUrl;
    url.username = '***';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return baseUrl;
  }
}
