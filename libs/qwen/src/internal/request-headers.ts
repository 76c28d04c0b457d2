import type { QwenClientOptions } from '../qwen-client-options';
import { cookieHeaderFor, effectiveToken, type QwenCredentials } from '../qwen-credentials';

/** Which call the headers are for: the referer differs. */
export type QwenEndpoint = 'create-chat' | 'completion' | 'chat' | 'other';

export interface RequestHeaderParameters {
  options: Pick<QwenClientOptions, 'baseUrl' | 'userAgent' | 'bxVersion' | 'extraHeaders'>;
  /** Absent for anonymous calls (the model list). */
  credentials?: QwenCredentials;
  endpoint: QwenEndpoint;
  /** The chat the page would be showing, for the referer of `completion` and `chat` calls. */
  chatId?: string;
  /** A fresh uuid v4 for each request, as the web UI sends. */
  requestId: string;
  now: Date;
  /** The front-end version for the `version` header; not sent when undefined. */
  version?: string;
}

/**
 * The headers the web UI sends (protocol §2). The token travels twice, as a bearer and inside
 * the cookie jar, because the API and the WAF in front of it each read one. `extraHeaders` come
 * last so configuration can replace anything here.
 */
export function buildRequestHeaders(parameters: RequestHeaderParameters): Record<string, string> {
  const { options, credentials, endpoint } = parameters;
  const headers: Record<string, string> = {
    // The browser asks for JSON on completions too and gets the stream (smanx capture, weselow e1f8e3c; C2).
    Accept: 'application/json',
    'Content-Type': 'application/json',
    'User-Agent': credentials?.userAgent || options.userAgent,
    Origin: options.baseUrl,
    Referer: refererFor(options.baseUrl, endpoint, parameters.chatId),
    source: 'web',
    'x-request-id': parameters.requestId,
    timezone: browserTimezone(parameters.now),
    'bx-v': credentials?.bxV || options.bxVersion,
  };
  if (credentials) {
    const token = effectiveToken(credentials);
    if (token) headers.Authorization = `Bearer ${token}`;
    const cookie = cookieHeaderFor(credentials);
    if (cookie) headers.Cookie = cookie;
    if (credentials.bxUa) headers['bx-ua'] = credentials.bxUa;
    if (credentials.bxUmidtoken) headers['bx-umidtoken'] = credentials.bxUmidtoken;
  }
  if (endpoint === 'completion') headers['x-accel-buffering'] = 'no';
  if (parameters.version) headers.version = parameters.version;
  return withOverrides(headers, options.extraHeaders);
}

/** Header names are case-insensitive: an override must replace, not duplicate, a default. */
function withOverrides(headers: Record<string, string>, overrides: Record<string, string>): Record<string, string> {
  const result = { ...headers };
  for (const [name, value] of Object.entries(overrides)) {
    for (const existing of Object.keys(result)) {
      if (existing.toLowerCase() === name.toLowerCase()) delete result[existing];
    }
    result[name] = value;
  }
  return result;
}

/** `Date.toString()` without its `(Zone Name)` part, as the web UI formats it. */
export function browserTimezone(now: Date): string {
  return now.toString().replace(/\s*\([^)]*\)\s*$/, '');
}

function refererFor(baseUrl: string, endpoint: QwenEndpoint, chatId: string | undefined): string {
  if (endpoint === 'create-chat') return `${baseUrl}/c/new-chat`;
  if ((endpoint === 'completion' || endpoint === 'chat') && chatId) return `${baseUrl}/c/${encodeURIComponent(chatId)}`;
  return `${baseUrl}/`;
}
