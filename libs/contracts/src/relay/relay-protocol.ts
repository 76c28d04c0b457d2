/**
 * The wire protocol of the browser relay: a browser (the extension's chat.qwen.ai tab, or the
 * desktop app's hidden chat.qwen.ai window) runs Qwen HTTP exchanges for the proxy from inside a
 * real chat.qwen.ai page, so cookies, anti-bot headers and fingerprint are the browser's own.
 *
 * One WebSocket per relay, opened by the relay to the control plane at `relayPath`; every frame
 * is one JSON text message. The relay speaks first (`hello`, carrying its pairing token: browsers
 * cannot set headers on a WebSocket, and a token in the URL would end up in logs). Framework-free
 * and dependency-free: the extension bundles this file too.
 *
 * Bodies travel as text: every Qwen exchange the relay carries is JSON or SSE (uploads' bytes go
 * to the object store directly, never through the relay). The page decodes with a streaming
 * TextDecoder, so a multi-byte character is never split between two chunks.
 *
 * Flow control: per exchange, the relay may have at most `windowChars` characters of `chunk`
 * data that the proxy has not yet granted back with `credit`; it stops reading the page's
 * response body while the window is used up. Memory on both sides stays bounded by the window.
 */

export const relayPath = '/api/relay';
export const relayProtocolVersion = 1;

/** WebSocket close codes the control plane uses (4000-4999 are free for applications). */
export const relayCloseCodes = {
  /** No valid `hello` in time, or a malformed frame. */
  protocolError: 4400,
  /** The pairing token is unknown or revoked. */
  unauthorized: 4401,
  /** Another connection of the same relay took over. */
  replaced: 4409,
} as const;

export type RelayKind = 'extension' | 'desktop';

/** Why an exchange failed on the relay's side. */
export type RelayErrorCode =
  /** The URL is not one the relay carries (only the Qwen origin is relayed). */
  | 'origin_refused'
  /** The page's fetch failed (network, DNS, TLS, CORS). */
  | 'network'
  /** The exchange was cancelled (by the proxy's `cancel`, or the page navigated). */
  | 'aborted'
  /** The chat.qwen.ai tab or window went away mid-exchange. */
  | 'page_closed'
  /** No chat.qwen.ai page could be opened or reached. */
  | 'page_unavailable'
  /** The relay broke the protocol (e.g. overran its window). */
  | 'protocol';

// ---- relay → proxy ----------------------------------------------------------------------------

export interface RelayHello {
  type: 'hello';
  protocol: number;
  /** The extension's (or desktop app's) pairing token. */
  token: string;
  kind: RelayKind;
  /** The relay's own version, for the console, e.g. `extension 0.1.0`. */
  agent: string;
  /** Qwen user ids (the token's `id` claim) the browser is logged in as; empty when unknown. */
  accountIds: string[];
}

export interface RelayResponseHead {
  type: 'response';
  id: string;
  status: number;
  headers: Record<string, string>;
}

export interface RelayChunk {
  type: 'chunk';
  id: string;
  data: string;
}

export interface RelayEnd {
  type: 'end';
  id: string;
}

export interface RelayFailure {
  type: 'error';
  id: string;
  code: RelayErrorCode;
  message: string;
}

/** The relay's answer to `ping`; also sent unprompted to keep an extension service worker alive. */
export interface RelayPong {
  type: 'pong';
}

/** The relay's login changed (the user signed in as someone else in that browser). */
export interface RelayAccounts {
  type: 'accounts';
  accountIds: string[];
}

export type RelayToProxyFrame = RelayHello | RelayResponseHead | RelayChunk | RelayEnd | RelayFailure | RelayPong | RelayAccounts;

// ---- proxy → relay ----------------------------------------------------------------------------

export interface RelayWelcome {
  type: 'welcome';
  relayId: string;
  /** Characters of unacknowledged `chunk` data allowed per exchange. */
  windowChars: number;
  /** The relay sends `pong` (or any frame) at least this often. */
  heartbeatMs: number;
  /** The only origin the relay may fetch, e.g. `https://chat.qwen.ai`. */
  allowedOrigin: string;
}

export interface RelayFetch {
  type: 'fetch';
  id: string;
  /** Absolute URL on `allowedOrigin`. */
  url: string;
  method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  /** Headers the page may set; cookies, user agent and anti-bot headers are the browser's own. */
  headers: Record<string, string>;
  body?: string;
}

export interface RelayCancel {
  type: 'cancel';
  id: string;
}

export interface RelayCredit {
  type: 'credit';
  id: string;
  chars: number;
}

export interface RelayPing {
  type: 'ping';
}

export type ProxyToRelayFrame = RelayWelcome | RelayFetch | RelayCancel | RelayCredit | RelayPing;

// ---- parsing ----------------------------------------------------------------------------------

/** Largest frame either side accepts, in characters: a chunk is cut well below it. */
export const relayMaxFrameChars = 1024 * 1024;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((entry) => typeof entry === 'string');
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 64;
}

const errorCodes: ReadonlySet<string> = new Set<RelayErrorCode>(['origin_refused', 'network', 'aborted', 'page_closed', 'page_unavailable', 'protocol']);

function parseJson(text: string): Record<string, unknown> | undefined {
  if (text.length > relayMaxFrameChars) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A frame from a relay, or undefined when it is not one (the proxy then closes with `protocolError`). */
export function parseRelayToProxyFrame(text: string): RelayToProxyFrame | undefined {
  const frame = parseJson(text);
  if (!frame) return undefined;
  switch (frame.type) {
    case 'hello':
      return typeof frame.protocol === 'number' &&
        typeof frame.token === 'string' &&
        frame.token.length <= 500 &&
        (frame.kind === 'extension' || frame.kind === 'desktop') &&
        typeof frame.agent === 'string' &&
        Array.isArray(frame.accountIds) &&
        frame.accountIds.length <= 50 &&
        frame.accountIds.every((accountId) => typeof accountId === 'string' && accountId.length <= 100)
        ? { type: 'hello', protocol: frame.protocol, token: frame.token, kind: frame.kind, agent: frame.agent.slice(0, 100), accountIds: frame.accountIds as string[] }
        : undefined;
    case 'response':
      return isId(frame.id) && Number.isInteger(frame.status) && isStringRecord(frame.headers)
        ? { type: 'response', id: frame.id, status: frame.status as number, headers: frame.headers }
        : undefined;
    case 'chunk':
      return isId(frame.id) && typeof frame.data === 'string' ? { type: 'chunk', id: frame.id, data: frame.data } : undefined;
    case 'end':
      return isId(frame.id) ? { type: 'end', id: frame.id } : undefined;
    case 'error':
      return isId(frame.id) && typeof frame.code === 'string' && errorCodes.has(frame.code) && typeof frame.message === 'string'
        ? { type: 'error', id: frame.id, code: frame.code as RelayErrorCode, message: frame.message.slice(0, 500) }
        : undefined;
    case 'pong':
      return { type: 'pong' };
    case 'accounts':
      return Array.isArray(frame.accountIds) && frame.accountIds.length <= 50 && frame.accountIds.every((accountId) => typeof accountId === 'string' && accountId.length <= 100)
        ? { type: 'accounts', accountIds: frame.accountIds as string[] }
        : undefined;
    default:
      return undefined;
  }
}

/** A frame from the proxy, or undefined when it is not one (the relay then ignores it). */
export function parseProxyToRelayFrame(text: string): ProxyToRelayFrame | undefined {
  const frame = parseJson(text);
  if (!frame) return undefined;
  switch (frame.type) {
    case 'welcome':
      return isId(frame.relayId) && typeof frame.windowChars === 'number' && typeof frame.heartbeatMs === 'number' && typeof frame.allowedOrigin === 'string'
        ? { type: 'welcome', relayId: frame.relayId, windowChars: frame.windowChars, heartbeatMs: frame.heartbeatMs, allowedOrigin: frame.allowedOrigin }
        : undefined;
    case 'fetch':
      return isId(frame.id) &&
        typeof frame.url === 'string' &&
        (frame.method === 'GET' || frame.method === 'POST' || frame.method === 'DELETE' || frame.method === 'PUT') &&
        isStringRecord(frame.headers) &&
        (frame.body === undefined || typeof frame.body === 'string')
        ? { type: 'fetch', id: frame.id, url: frame.url, method: frame.method, headers: frame.headers, ...(frame.body === undefined ? {} : { body: frame.body }) }
        : undefined;
    case 'cancel':
      return isId(frame.id) ? { type: 'cancel', id: frame.id } : undefined;
    case 'credit':
      return isId(frame.id) && typeof frame.chars === 'number' && frame.chars > 0 ? { type: 'credit', id: frame.id, chars: frame.chars } : undefined;
    case 'ping':
      return { type: 'ping' };
    default:
      return undefined;
  }
}

/**
 * Whether a relay may fetch `url`: its origin must be exactly the allowed one (scheme, host and
 * port). Both sides check: the proxy before it sends, the relay before it fetches.
 */
export function isRelayableUrl(url: string, allowedOrigin: string): boolean {
  try {
    return new URL(url).origin === new URL(allowedOrigin).origin;
  } catch {
    return false;
  }
}
