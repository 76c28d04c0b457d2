import { defaultSseMaxLineBytes } from '@qwen-proxy/contracts';
import { defaultWebVersionPattern } from './web-version/web-version-source';
import type { Dispatcher } from 'undici';

/**
 * Everything the client assumes about chat.qwen.ai. The upstream changes without notice, so each
 * value is a default that configuration can replace (tests point `baseUrl` at a local fake).
 */
export interface QwenClientOptions {
  /** Origin of the web app, without a trailing slash. */
  baseUrl: string;
  /** Sent when the credentials carry no User-Agent of their own (the browser's is better). */
  userAgent: string;
  /** The `bx-v` anti-bot header; a credential's captured `bxV` wins. */
  bxVersion: string;
  /**
   * A fixed web front-end version for the `version` header (`QWEN_WEB_VERSION`). Undefined: the
   * version is discovered from the homepage and cached (audit B1: completions without the
   * current one answer `Bad_Request`).
   */
  webVersionHeader?: string;
  /** The page whose asset paths name the front-end build. */
  homepagePath: string;
  /** Regular expression (source) whose first group is the version in the homepage's HTML. */
  webVersionPattern: string;
  /** How long a discovered version is reused. */
  webVersionCacheMs: number;
  /**
   * Whether `chats/new` carries the version header too. Sources disagree (PROTOCOL.md): when it
   * does and the answer is `unauthorized`, the call is repeated once without it.
   */
  versionOnCreateChat: boolean;
  /** Tells Qwen to stop a generation the client abandoned (audit B5). */
  stopCompletionPath: string;
  /** Trades a refresh token for a new login (D11), when the cookie jar holds one. */
  refreshTokenPath: string;
  /**
   * Waits before sending again into a chat that answered "The chat is in progress!", one per
   * retry; after the last one the caller continues in a new chat.
   */
  chatInProgressRetryDelaysMs: readonly number[];
  /** The `version` field of the completion body. */
  completionVersion: string;
  /*
   * Timeouts, in milliseconds; 0 disables one. A timeout ends a stream with a `qwen_timeout`
   * error event naming it.
   */
  /** Time allowed to open the TCP/TLS connection. Only applies to the client's own dispatcher. */
  connectTimeoutMs: number;
  /** Time from sending a request until the first SSE frame (for a JSON call: its response headers). */
  firstByteTimeoutMs: number;
  /** Longest silence between two frames of a stream (keep-alives count), or two chunks of a JSON body. */
  idleTimeoutMs: number;
  /** Longest SSE line (and event) of an answer; a longer one fails the stream (`upstream_event_too_large`). */
  sseMaxLineBytes: number;
  /** Added to every request last, so they can replace any header the client sets. */
  extraHeaders: Record<string, string>;
  /** Where requests go out (e.g. an undici `ProxyAgent` for an account behind a proxy). */
  dispatcher?: Dispatcher;
}

/** A desktop Chrome of early 2026; the browser's own User-Agent, when captured, is preferred. */
const desktopChromeUserAgent =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/145.0.0.0 Safari/537.36';

/** A fresh copy of the defaults (callers may mutate what they get). */
export function defaultQwenClientOptions(): QwenClientOptions {
  return {
    baseUrl: 'https://chat.qwen.ai',
    userAgent: desktopChromeUserAgent,
    bxVersion: '2.5.36',
    webVersionHeader: undefined,
    homepagePath: '/',
    webVersionPattern: defaultWebVersionPattern,
    webVersionCacheMs: 30 * 60_000,
    versionOnCreateChat: true,
    stopCompletionPath: '/api/v2/chat/completions/stop',
    refreshTokenPath: '/api/v2/auths/refresh',
    chatInProgressRetryDelaysMs: [1500, 3000],
    completionVersion: '2.1',
    connectTimeoutMs: 10_000,
    firstByteTimeoutMs: 60_000,
    idleTimeoutMs: 120_000,
    sseMaxLineBytes: defaultSseMaxLineBytes,
    extraHeaders: {},
    dispatcher: undefined,
  };
}

/**
 * The defaults with `overrides` applied. Keys set to `undefined` keep their default, so a config
 * object with unset fields can be passed straight through.
 */
export function resolveQwenClientOptions(overrides: Partial<QwenClientOptions> = {}): QwenClientOptions {
  const resolved = defaultQwenClientOptions();
  const writable = resolved as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) writable[key] = value;
  }
  resolved.baseUrl = resolved.baseUrl.replace(/\/+$/, '');
  resolved.extraHeaders = { ...resolved.extraHeaders };
  return resolved;
}
