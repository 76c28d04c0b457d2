import { asRecord, errorCodesOf, type GatewayError, gatewayErrorFor, optionalString, parseJson } from '@qwen-proxy/contracts';
import type { TimeoutName } from './internal/request-deadlines';
import type { ResponseHeaders } from './internal/response-body';
import { retryAfterSecondsOf } from './internal/retry-after';
import { type OpenAiError, readOpenAiError } from './openai-chunk.schema';

/** Who failed, for messages and details: never a secret. */
export interface UpstreamIdentity {
  providerId: string;
  providerName: string;
  baseUrl: string;
}

/** The longest upstream message passed on; error pages can be long. */
const maximumMessageLength = 1000;

/**
 * The statuses worth trying again, later or on another provider: timeouts, conflicts, rate
 * limits and server faults, as the openai SDKs retry them. Anything else is the request's or
 * this provider's configuration's fault, and a retry would meet it again.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** FastAPI (vLLM, LiteLLM) puts its reason in `detail`: a string, a list of field errors, or `{message}`. */
function readDetail(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    return value
      .map((item) => (typeof item === 'object' && item !== null && 'msg' in item ? String(item.msg) : JSON.stringify(item)))
      .join('; ');
  }
  return optionalString(asRecord(value)?.message);
}

interface UpstreamFault {
  message?: string;
  /** What the body was when it held no message: an HTML page says nothing a client can use. */
  page?: string;
  code?: string;
  param?: string;
}

function faultOfBody(bodyText: string): UpstreamFault {
  const json = parseJson(bodyText);
  const body = json.success ? asRecord(json.value) : undefined;
  if (body === undefined) return faultOfText(bodyText);
  const error = readOpenAiError(body.error);
  const message = optionalString(body.message);
  const detail = readDetail(body.detail);
  return {
    message: error?.message || message || detail || undefined,
    code: typeof error?.code === 'string' && error.code ? error.code : undefined,
    param: error?.param,
  };
}

/** A plain-text or HTML error page (a reverse proxy's, usually), reduced to one readable line. */
function faultOfText(text: string): UpstreamFault {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  if (trimmed.startsWith('<')) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
    return { page: title ? `an HTML page titled "${title}"` : 'an HTML page' };
  }
  return { message: trimmed.replace(/\s+/g, ' ') };
}

function shorten(text: string): string {
  return text.length > maximumMessageLength ? `${text.slice(0, maximumMessageLength)}…` : text;
}

/**
 * A refusal from the upstream, as the gateway error of the same status. The upstream's own
 * message and code go through unchanged, because they are what the person can act on ("model
 * not loaded", "insufficient credits"); where it came from is in `details`.
 */
export function upstreamHttpError(
  response: { status: number; headers: ResponseHeaders; bodyText: string },
  identity: UpstreamIdentity,
): GatewayError {
  const { status, headers, bodyText } = response;
  const fault = faultOfBody(bodyText);
  if (status === 401 || status === 403) {
    // The upstream refused *our* key for it, not the client's: passing its 401 on would tell the
    // client its own key is wrong. It is a provider misconfiguration, and another provider may
    // serve the request.
    return gatewayErrorFor(502, shorten(`${identity.providerName} refused the proxy's credentials (HTTP ${status}${fault.message ? `: ${fault.message}` : ''}). Fix this provider's API key in the console.`), {
      code: 'upstream_auth_failed',
      retryable: true,
      details: { provider: identity.providerId, upstreamStatus: status },
    });
  }
  const message = fault.message ?? `${identity.providerName} answered HTTP ${status} with ${fault.page ?? 'no message'}.`;
  return gatewayErrorFor(status, shorten(message), {
    code: fault.code ?? `upstream_${status}`,
    retryable: isRetryableStatus(status),
    retryAfterSeconds: retryAfterSecondsOf(headers),
    param: fault.param,
    details: { provider: identity.providerId, upstreamStatus: status },
  });
}

/**
 * `data: {"error":{…}}` in the middle of a stream (OpenAI, OpenRouter, vLLM do this when the
 * model fails after the 200 was sent). The status comes from the error when it names one.
 */
export function upstreamStreamError(error: Partial<OpenAiError>, identity: UpstreamIdentity): GatewayError {
  const namedStatus = error.status ?? (typeof error.code === 'number' ? error.code : undefined);
  const status = namedStatus !== undefined && namedStatus >= 400 && namedStatus <= 599 ? namedStatus : 502;
  return gatewayErrorFor(status, shorten(error.message || `${identity.providerName} reported an error in the middle of the answer.`), {
    code: typeof error.code === 'string' && error.code ? error.code : 'upstream_stream_error',
    retryable: isRetryableStatus(status),
    param: error.param,
    details: { provider: identity.providerId, ...(namedStatus !== undefined ? { upstreamStatus: namedStatus } : {}) },
  });
}

/** The upstream answered, but with something that is not an OpenAI answer. */
export function upstreamInvalidResponseError(reason: string, identity: UpstreamIdentity): GatewayError {
  return gatewayErrorFor(502, `${identity.providerName} sent an answer the gateway cannot read: ${reason}.`, {
    code: 'upstream_invalid_response',
    retryable: true,
    details: { provider: identity.providerId },
  });
}

/** The stream closed before the answer began: nothing to deliver, so it is a failure. */
export function upstreamIncompleteError(identity: UpstreamIdentity): GatewayError {
  return gatewayErrorFor(502, `${identity.providerName} closed the stream before answering.`, {
    code: 'upstream_incomplete',
    retryable: true,
    details: { provider: identity.providerId },
  });
}

const timeoutWording: Record<TimeoutName, string> = {
  connect: 'accept the connection',
  'first-byte': 'start answering',
  total: 'finish answering',
};

export function upstreamTimeoutError(timeout: TimeoutName, timeoutMs: number | undefined, identity: UpstreamIdentity): GatewayError {
  const limit = timeoutMs === undefined ? '' : ` within ${timeoutMs} ms`;
  return gatewayErrorFor(504, `${identity.providerName} did not ${timeoutWording[timeout]}${limit} (${timeout} timeout).`, {
    code: 'upstream_timeout',
    retryable: true,
    details: { provider: identity.providerId, timeout, ...(timeoutMs !== undefined ? { timeoutMs } : {}) },
  });
}

/** A failure below HTTP: refused, reset, unresolvable, or the dispatcher's connect timeout. */
export function upstreamTransportError(error: unknown, identity: UpstreamIdentity, connectTimeoutMs?: number): GatewayError {
  const codes = errorCodesOf(error);
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT')) return upstreamTimeoutError('connect', connectTimeoutMs, identity);
  const reason = codes[codes.length - 1] ?? (error instanceof Error ? error.message : String(error));
  return gatewayErrorFor(502, `Could not reach ${identity.providerName} at ${identity.baseUrl} (${reason}).`, {
    code: 'upstream_unreachable',
    retryable: true,
    details: { provider: identity.providerId, ...(codes.length ? { networkError: reason } : {}) },
    cause: error,
  });
}
