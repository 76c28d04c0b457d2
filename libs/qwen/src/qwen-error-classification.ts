import {
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  GatewayError,
  GatewayTimeoutError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  toGatewayError,
} from '@qwen-proxy/contracts';
import { readErrorPayload, type QwenErrorPayload } from './internal/frame-schemas';
import { headerValue } from './internal/response-body';
import { parseRetryAfter } from './internal/retry-after';
import { isWafPage, verificationUrlIn } from './internal/waf-page';
import { chatInProgressError, isChatInProgress } from './request-side-errors';

/*
 * The one place where a Qwen failure gets its meaning. Qwen reports most failures as HTTP 200
 * with a JSON body, so the body decides before the status does. Every message tells the user
 * what to do; the router acts on `retryable` and `credentialEffect`, never on the message.
 */

/** A response that was not the success the caller expected, as read off the wire. */
export interface QwenHttpFailure {
  status: number;
  contentType?: string;
  /** The body as text (possibly cut short); empty when there was none. */
  bodyText: string;
  headers?: Record<string, string | string[] | undefined>;
  /** What success would have looked like, for the message about an unexpected content type. */
  expectedContentType?: string;
}

/** Which wait ran out: opening the connection, the first frame, or the silence between frames. */
export type QwenTimeoutPhase = 'connect' | 'first-byte' | 'idle';

/** Where a transport error happened, so its message can say so. */
export interface TransportErrorContext {
  baseUrl: string;
  /** How far the request got; an undici timeout code overrides it. */
  phase?: QwenTimeoutPhase;
  /** The configured limits, quoted in timeout messages. */
  timeouts?: { connectTimeoutMs?: number; firstByteTimeoutMs?: number; idleTimeoutMs?: number };
}

/** Seconds to rest an account Qwen called overloaded (`quota_limit`): it clears within minutes. */
const overloadedRetryAfterSeconds = 60;
const bodySnippetLength = 300;

/** Turns a failed HTTP exchange into the error the user sees. */
export function classifyQwenHttpFailure(failure: QwenHttpFailure): GatewayError {
  const { status, bodyText } = failure;
  const contentType = failure.contentType?.toLowerCase() ?? '';

  const json = parseJson(bodyText);
  const fromBody = json === undefined ? undefined : classifyQwenErrorPayload(json);
  if (fromBody) return fromBody;
  if (isWafPage(bodyText)) {
    return verificationRequiredError(verificationUrlIn(bodyText), `WAF page, HTTP ${status}`);
  }

  if (status === 401) return tokenExpiredError(`HTTP 401${detailOf(json)}`);
  if (status === 403) {
    return new PermissionDeniedError(
      `Qwen refused access for this account (HTTP 403${detailOf(json)}) without asking for a verification. ` +
        'The login may have expired or the account may be restricted: open chat.qwen.ai in your browser with ' +
        'this account, then reconnect it with fresh cookies.',
      // Another account may well be allowed; this one needs its owner's attention.
      { code: 'qwen_forbidden', retryable: true, credentialEffect: 'invalid' },
    );
  }
  if (status === 404) {
    return new NotFoundError(`Qwen answered HTTP 404 (not found)${detailOf(json)}.`, { code: 'qwen_not_found' });
  }
  if (status === 429) {
    const retryAfterSeconds = parseRetryAfter(headerValue(failure.headers, 'retry-after'));
    return new RateLimitError(
      `Qwen is rate limiting this account (HTTP 429). Retry ${
        retryAfterSeconds === undefined ? 'in a little while' : `in ${retryAfterSeconds} seconds`
      }, or spread the load over more accounts.`,
      { code: 'qwen_rate_limited', retryable: true, retryAfterSeconds, credentialEffect: 'cooldown' },
    );
  }
  if (status >= 500) {
    return new BadGatewayError(`Qwen failed on its side (HTTP ${status})${detailOf(json)}. Retry shortly.`, {
      // Qwen's own outages are usually brief; the same request can succeed on a retry.
      code: 'qwen_upstream_status',
      retryable: true,
      details: { status },
    });
  }
  if (status >= 400) {
    return new BadGatewayError(
      `Qwen rejected the request with HTTP ${status}: ${snippet(bodyText) || 'no details'}.`,
      { code: 'qwen_upstream_status', retryable: false, details: { status } },
    );
  }
  if (json !== undefined) {
    const expected = failure.expectedContentType ?? 'the expected answer';
    return unexpectedResponseError(`JSON that is neither ${expected} nor a known error`, bodyText);
  }
  return new BadGatewayError(
    `Qwen answered with content type "${contentType || 'none'}" (HTTP ${status}) instead of ${
      failure.expectedContentType ?? 'JSON'
    }. The web API may have changed, or something between this proxy and Qwen rewrote the answer.`,
    { code: 'qwen_unexpected_content_type', retryable: false, details: { status, contentType: contentType || null } },
  );
}

/**
 * The error a Qwen JSON body or stream frame reports, in any of its shapes (`success:false`,
 * `error`, `data.error`, risk-control `ret`); undefined when the value is not an error.
 */
export function classifyQwenErrorPayload(payload: unknown): GatewayError | undefined {
  const error = readErrorPayload(payload);
  return error === undefined ? undefined : qwenErrorFromPayload(error);
}

/** Meaning of an already-normalised Qwen error (see `readErrorPayload`). */
export function qwenErrorFromPayload(error: QwenErrorPayload): GatewayError {
  const code = error.code ?? '';
  const normalisedCode = code.toLowerCase();
  const details = error.details ?? '';

  if (error.riskControl) return verificationRequiredError(error.verificationUrl, details);

  const unknownParent = /parent_?id\s+(\S+)\s+is not exist/i.exec(details);
  if (unknownParent) {
    return new NotFoundError(
      `Qwen no longer knows the previous message (parent_id ${unknownParent[1]}) of this conversation; ` +
        'it has to continue in a new Qwen chat.',
      { code: 'qwen_unknown_parent', retryable: false, details: { parentId: unknownParent[1] } },
    );
  }
  if (normalisedCode === 'ratelimited') return dailyLimitError(error);
  if (normalisedCode === 'quota_limit') {
    return new RateLimitError(
      `Qwen is temporarily overloaded for this account (quota_limit${details ? `: ${details}` : ''}). ` +
        `Retry in about ${overloadedRetryAfterSeconds} seconds.`,
      {
        code: 'qwen_overloaded',
        retryable: true,
        retryAfterSeconds: overloadedRetryAfterSeconds,
        credentialEffect: 'cooldown',
      },
    );
  }
  if (normalisedCode === 'unauthorized' || /token (has )?expired|log ?in again|invalid token/i.test(details)) {
    return tokenExpiredError(details || code);
  }
  if (normalisedCode === 'data_inspection_failed') {
    return new BadRequestError(
      'Qwen\'s content moderation blocked this conversation (data_inspection_failed). Rephrase the message ' +
        'and try again.',
      { code: 'content_filter', retryable: false },
    );
  }
  if (normalisedCode === 'bad_request') {
    // Request-side (PROTOCOL.md, audit B5): a generation still running in this chat.
    if (isChatInProgress(details)) return chatInProgressError(details);
    return new BadGatewayError(
      `Qwen rejected the request as Bad_Request${details ? ` ("${details}")` : ''}. The proxy has already re-read ` +
        "chat.qwen.ai's front-end version and retried once. Likely causes, most likely first: the version header " +
        'is out of date (set QWEN_WEB_VERSION, or check QWEN_WEB_VERSION_PATTERN), captured bx-ua/bx-umidtoken ' +
        'headers went stale (reconnect without them), the request shape changed upstream (update this proxy), and ' +
        'only then the account\'s anti-bot cookies. `npm run doctor` probes each step.',
      // Sending the same request again gives the same answer; something must change first.
      { code: 'qwen_bad_request', retryable: false, details: { qwenCode: code } },
    );
  }
  return new BadGatewayError(`Qwen reported an error${code ? ` (${code})` : ''}: ${details || 'no details'}.`, {
    code: 'qwen_error',
    retryable: false,
    details: { qwenCode: code || null, qwenDetails: details || null },
  });
}

/**
 * A failure below HTTP: refused, reset, DNS, TLS, or an undici timeout. A `GatewayError` passes
 * through unchanged, so callers can classify whatever they caught; an error that carries no
 * network code becomes an `internal_error` (500), never a misleading "unreachable".
 */
export function classifyTransportError(error: unknown, context: TransportErrorContext): GatewayError {
  if (error instanceof GatewayError) return error;
  const codes = errorCodes(error);
  const timeouts = context.timeouts ?? {};
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT')) {
    return qwenTimeoutError('connect', timeouts.connectTimeoutMs, context.baseUrl, error);
  }
  if (codes.includes('UND_ERR_HEADERS_TIMEOUT')) {
    return qwenTimeoutError('first-byte', timeouts.firstByteTimeoutMs, context.baseUrl, error);
  }
  if (codes.includes('UND_ERR_BODY_TIMEOUT')) {
    return qwenTimeoutError('idle', timeouts.idleTimeoutMs, context.baseUrl, error);
  }
  if (codes.includes('ABORT_ERR') || codes.includes('UND_ERR_ABORTED') || isAbortError(error)) {
    return requestAbortedError(error);
  }
  if (codes.includes('UND_ERR_INVALID_ARG')) {
    return new BadGatewayError(
      `The request to Qwen could not be sent (${error instanceof Error ? error.message : 'invalid argument'}). ` +
        "Check the account's token, cookies and captured headers for stray characters, then reconnect it.",
      { code: 'qwen_invalid_request', retryable: false, cause: error },
    );
  }
  // Network and undici failures all carry a code; an error without one is a bug of ours.
  if (codes.length === 0) return toGatewayError(error);
  const code = codes.find((candidate) => !candidate.startsWith('UND_ERR_')) ?? codes[0];
  const what =
    context.phase === 'idle'
      ? `The connection to Qwen at ${context.baseUrl} broke while the answer was streaming (${code}).`
      : `Cannot reach Qwen at ${context.baseUrl} (${code}).`;
  return new BadGatewayError(
    `${what} Check the network connection, DNS and any proxy configured for this account, then retry.`,
    // Network trouble is usually transient, and another account may go through another proxy.
    { code: 'qwen_unreachable', retryable: true, details: { networkCode: code }, cause: error },
  );
}

/** One of the client's waits ran out; the message names which, and the setting to raise. */
export function qwenTimeoutError(
  phase: QwenTimeoutPhase,
  timeoutMs: number | undefined,
  baseUrl: string,
  cause?: unknown,
): GatewayError {
  const length = timeoutMs === undefined ? '' : formatSeconds(timeoutMs);
  const within = length ? ` within ${length}` : '';
  const messages: Record<QwenTimeoutPhase, string> = {
    connect:
      `Could not connect to Qwen at ${baseUrl}${within} (connect timeout). Check the network and any proxy ` +
      'configured for this account.',
    'first-byte':
      `Qwen did not start answering${within} (first-byte timeout). Qwen may be overloaded: retry, or raise ` +
      'firstByteTimeoutMs for long thinking requests.',
    idle:
      `Qwen went silent in the middle of the answer${length ? ` for ${length}` : ''} (idle timeout). Retry, or ` +
      'raise idleTimeoutMs.',
  };
  return new GatewayTimeoutError(messages[phase], {
    // A stalled request says nothing about the next one.
    code: 'qwen_timeout',
    retryable: true,
    details: { timeout: phase, timeoutMs: timeoutMs ?? null },
    cause,
  });
}

/** A success status with a body that lacks what the call needs (the web API changed). */
export function unexpectedResponseError(what: string, bodyText: string): GatewayError {
  return new BadGatewayError(
    `Qwen answered with ${what}: ${snippet(bodyText) || 'an empty body'}. The web API may have changed; ` +
      'check for an update of this proxy.',
    { code: 'qwen_unexpected_response', retryable: false },
  );
}

/** The stream closed before any answer: never hand the user a silent empty reply. */
export function emptyStreamError(): GatewayError {
  return new BadGatewayError(
    'Qwen closed the stream without an answer. Retry; if it keeps happening, reconnect the account with fresh ' +
      'cookies from chat.qwen.ai.',
    // Empty streams come and go; another attempt (or account) usually answers.
    { code: 'qwen_empty_stream', retryable: true },
  );
}

/** Qwen said it finished, yet sent no text at all. */
export function emptyAnswerError(): GatewayError {
  return new BadGatewayError(
    'Qwen finished without answering. This happens when its anti-bot layer quietly drops a request: reconnect ' +
      'the account with the full cookie string of chat.qwen.ai; if it persists, Qwen may have changed its protocol.',
    { code: 'qwen_empty_answer', retryable: true },
  );
}

/** The caller cancelled (client disconnected or its signal fired) before Qwen finished. */
export function requestAbortedError(cause?: unknown): GatewayError {
  return new BadRequestError('The request to Qwen was cancelled before it finished.', {
    code: 'request_aborted',
    retryable: false,
    cause,
  });
}

function dailyLimitError(error: QwenErrorPayload): GatewayError {
  const hours = error.hours !== undefined && error.hours > 0 ? error.hours : undefined;
  const when = hours === undefined ? 'tomorrow' : `in ${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  return new RateLimitError(
    `This Qwen account reached its daily usage limit${error.details ? ` ("${error.details}")` : ''}. ` +
      `Retry ${when}, or add another Qwen account to the pool.`,
    {
      code: 'qwen_daily_limit',
      // Only this account is exhausted: another account can take the request now.
      retryable: true,
      retryAfterSeconds: hours === undefined ? undefined : hours * 3600,
      credentialEffect: 'cooldown',
    },
  );
}

/** The login is over: the account stays out until reconnected. */
export function tokenExpiredError(reason: string): GatewayError {
  return new AuthenticationError(
    `The Qwen login of this account has expired or is no longer valid${reason ? ` (${reason})` : ''}. ` +
      'Log in to chat.qwen.ai again and reconnect the account with the new token and cookies.',
    // Another account can serve the request; this one stays out until reconnected.
    { code: 'qwen_token_expired', retryable: true, credentialEffect: 'invalid' },
  );
}

function verificationRequiredError(verificationUrl: string | undefined, reason: string): GatewayError {
  return new PermissionDeniedError(
    "Qwen's anti-bot protection wants a human check for this account" +
      `${reason ? ` (${reason})` : ''}. Open ${verificationUrl ?? 'chat.qwen.ai'} in your browser, pass the ` +
      'check, then reconnect the account with the fresh cookies.',
    {
      code: 'qwen_verification_required',
      // Other accounts are not blocked by this account's captcha.
      retryable: true,
      credentialEffect: 'needs-verification',
      details: verificationUrl === undefined ? {} : { verificationUrl },
    },
  );
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `: <detail>` from an Open WebUI style `{"detail": "…"}` body, which Qwen sends with 401/403. */
function detailOf(json: unknown): string {
  if (typeof json !== 'object' || json === null) return '';
  const detail = (json as { detail?: unknown; message?: unknown }).detail ?? (json as { message?: unknown }).message;
  return typeof detail === 'string' && detail ? `: ${detail}` : '';
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > bodySnippetLength ? `${flat.slice(0, bodySnippetLength)}…` : flat;
}

function formatSeconds(milliseconds: number): string {
  return `${Math.round(milliseconds / 100) / 10} s`;
}

/** `code`s along the `cause` chain: undici wraps socket errors, fetch wraps undici's. */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') codes.push(code);
    current = cause;
  }
  return codes;
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
