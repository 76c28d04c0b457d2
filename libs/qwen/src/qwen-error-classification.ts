import {
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  causeChainOf,
  errorCodesOf,
  GatewayError,
  GatewayTimeoutError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  toGatewayError,
} from '@qwen-proxy/contracts';
import { proxyFailureCode } from './account-proxy-agent';
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

/** "Allocated quota exceeded" inside an `internal_error` (ai-free test, 2026-08). */
const quotaExceeded = /quota exceeded|exceeded .*quota|insufficient quota/i;
/** Guest-mode refusals (unnamed peer, index id 70935843465): the login did not count. */
const guestLimit = /guest chat limit|log ?in to continue/i;

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
  if (status === 402) return quotaExhaustedError('HTTP 402', undefined, headerValue(failure.headers, 'retry-after'));
  if (status === 403) {
    return new PermissionDeniedError(
      `Qwen refused the request with HTTP 403${detailOf(json)} without a verification page. This is most often ` +
        "a block of this proxy's IP address or a passing refusal by Qwen's edge, not a sign that the account is " +
        'invalid: the request goes to another account and this account stays as it is. If every account gets ' +
        'it, check the network route (proxy, VPN, datacenter IP) to chat.qwen.ai.',
      // qwengate treats 302/403 as WAF answers: nothing proves the account is at fault (D4).
      { code: 'qwen_forbidden', retryable: true, credentialEffect: 'rotate', details: { status } },
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
  if (normalisedCode === 'quotalimited' || (normalisedCode === 'internal_error' && quotaExceeded.test(details))) {
    return quotaExhaustedError(code, details, undefined, error.hours);
  }
  if (normalisedCode === 'parallellimited') {
    return new RateLimitError(
      `Qwen is already answering as many requests as it allows at once for this account (ParallelLimited${
        details ? `: ${details}` : ''
      }). The request goes to another account; this one is free again when its running answers end.`,
      // A limit on concurrent chats, not on the day's use: no cooldown, only another account now.
      { code: 'qwen_parallel_limited', retryable: true, credentialEffect: 'rotate', details: { qwenCode: code } },
    );
  }
  if (normalisedCode === 'internal_error') {
    return new BadGatewayError(`Qwen failed on its side (internal_error${details ? `: ${details}` : ''}). Retry shortly.`, {
      code: 'qwen_internal_error',
      retryable: true,
      credentialEffect: 'rotate',
      details: { qwenCode: code },
    });
  }
  if (normalisedCode === 'delta_error') {
    // A delta with `status:"error"` (later g4f): the generation failed on Qwen's side mid-answer.
    return new BadGatewayError(`Qwen stopped the answer with an error${details ? ` ("${details}")` : ''}. Retry.`, {
      code: 'qwen_generation_failed',
      retryable: true,
      details: { qwenCode: code },
    });
  }
  if (normalisedCode === 'invalid_input') {
    return new BadRequestError(
      `Qwen refused the request as invalid_input${details ? ` ("${details}")` : ''}. The known cause is a model ` +
        'that cannot stop thinking (the qwen3.8 series: `think_skip.enable` false in its model list) asked to ' +
        'answer with thinking off: use the model without `-fast` and without disabling reasoning. Otherwise ' +
        'Qwen refused the input itself (its content or its form).',
      { code: 'qwen_invalid_input', retryable: false, details: { qwenCode: code } },
    );
  }
  if (normalisedCode === 'not_found' || normalisedCode === 'not found') {
    // A 502, not a 404: the client's own request was fine; what Qwen no longer has is ours to fix.
    return new BadGatewayError(`Qwen answered "${code}"${details ? ` (${details})` : ''}: the chat, message or endpoint does not exist (any more).`, {
      code: 'qwen_not_found',
      retryable: false,
      details: { qwenCode: code },
    });
  }
  if (guestLimit.test(details)) {
    return new AuthenticationError(
      `Qwen treats this request as a guest's and asks to log in ("${details}"). The account's login is missing or ` +
        'no longer accepted: log in to chat.qwen.ai again and reconnect the account with the new token and cookies.',
      { code: 'qwen_token_expired', retryable: true, credentialEffect: 'invalid', details: { qwenCode: code || null } },
    );
  }
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
    // `qwenCode` lets a caller tell a bare `unauthorized` (also what chats/new answers to a stale
    // `version` header, SilverioSG 2026-09) from an explicit expiry before it acts on the token.
    return tokenExpiredError(details || code, { qwenCode: code || null, qwenDetails: details || null });
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
      // Sending the same request again on this account gives the same answer; something must change
      // first. Another account may answer, so the request moves on, and repeated refusals mark the
      // account ('rejected').
      { code: 'qwen_bad_request', retryable: false, credentialEffect: 'rejected', details: { qwenCode: code } },
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
  const codes = errorCodesOf(error);
  const timeouts = context.timeouts ?? {};
  const proxyFailure = causeChainOf(error).find((link): link is Error & { proxy: string } => (link as { code?: unknown }).code === proxyFailureCode);
  if (proxyFailure) {
    // The account's proxy, not Qwen, failed: another account (another route) can take the
    // request, and this one rests with the reason shown in the console.
    return new BadGatewayError(`${proxyFailure.message} Check the proxy configured for this account; the account rests for a minute.`, {
      code: 'qwen_proxy_unreachable',
      retryable: true,
      retryAfterSeconds: proxyCooldownSeconds,
      credentialEffect: 'cooldown',
      details: { proxy: proxyFailure.proxy },
      cause: error,
    });
  }
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
export function tokenExpiredError(reason: string, details?: Record<string, unknown>): GatewayError {
  return new AuthenticationError(
    `The Qwen login of this account has expired or is no longer valid${reason ? ` (${reason})` : ''}. ` +
      'Log in to chat.qwen.ai again and reconnect the account with the new token and cookies.',
    // Another account can serve the request; this one stays out until reconnected.
    { code: 'qwen_token_expired', retryable: true, credentialEffect: 'invalid', ...(details ? { details } : {}) },
  );
}

/**
 * The account's allocation is used up (`quotaLimited`, HTTP 402, or `internal_error` "Allocated
 * quota exceeded"): rest it, for as long as Qwen said when it said, and let another account answer.
 */
function quotaExhaustedError(code: string, details: string | undefined, retryAfter?: string, hours?: number): GatewayError {
  const retryAfterSeconds = hours !== undefined && hours > 0 ? hours * 3600 : parseRetryAfter(retryAfter);
  return new RateLimitError(
    `This Qwen account has used up its quota (${code}${details ? `: ${details}` : ''}). Retry ${
      retryAfterSeconds === undefined ? 'later' : `in ${retryAfterSeconds} seconds`
    }, or add another Qwen account to the pool.`,
    {
      code: 'qwen_quota_exceeded',
      retryable: true,
      retryAfterSeconds,
      credentialEffect: 'cooldown',
      details: { qwenCode: code },
    },
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

/** How long an account whose proxy failed is left alone before it is tried again. */
const proxyCooldownSeconds = 60;

function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
