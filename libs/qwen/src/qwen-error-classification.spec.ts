import { maskProxyUrl, ProxyFailure } from './account-proxy-agent';
import {
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  GatewayTimeoutError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from '@qwen-proxy/contracts';
import {
  classifyQwenErrorPayload,
  classifyQwenHttpFailure,
  classifyTransportError,
  emptyStreamError,
  qwenTimeoutError,
} from './qwen-error-classification';

const json = (body: unknown) => ({ status: 200, contentType: 'application/json', bodyText: JSON.stringify(body) });
const failure = (code: string, details: string, extra: Record<string, unknown> = {}) =>
  json({ success: false, request_id: 'req-1', data: { code, details, ...extra } });

describe(classifyQwenHttpFailure.name, () => {
  it('reads the daily quota as a cooldown of num hours, retryable on another account', () => {
    const error = classifyQwenHttpFailure(
      failure('RateLimited', "You've reached the upper limit for today's usage.", { num: 10 }),
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      code: 'qwen_daily_limit',
      retryable: true,
      retryAfterSeconds: 36000,
      credentialEffect: 'cooldown',
    });
    expect(error.message).toMatch(/daily usage limit.*retry in 10 hours/i);
  });

  it('says "tomorrow" when the daily quota comes without hours', () => {
    const error = classifyQwenHttpFailure(failure('RateLimited', 'limit'));
    expect(error.retryAfterSeconds).toBeUndefined();
    expect(error.message).toMatch(/retry tomorrow/i);
  });

  it('reads quota_limit as a short cooldown', () => {
    const error = classifyQwenHttpFailure(failure('quota_limit', 'busy'));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      code: 'qwen_overloaded',
      retryable: true,
      retryAfterSeconds: 60,
      credentialEffect: 'cooldown',
    });
  });

  it('explains Bad_Request with the version first, not the cookies (audit B1/B5)', () => {
    const error = classifyQwenHttpFailure(failure('Bad_Request', 'Internal error...'));
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error).toMatchObject({ code: 'qwen_bad_request', retryable: false });
    expect(error.message).toMatch(/QWEN_WEB_VERSION/);
    expect(error.message.indexOf('version')).toBeLessThan(error.message.indexOf('cookies'));
    expect(error.message).toMatch(/npm run doctor/);
  });

  it.each([
    ['the unauthorized code', failure('unauthorized', 'Token has expired, please log in again.')],
    ['an expiry message under another code', failure('Unauthorized_Access', 'Token has expired')],
    ['a real HTTP 401', { status: 401, contentType: 'application/json', bodyText: '{"detail":"Not authenticated"}' }],
    ['an HTTP 401 without a body', { status: 401, bodyText: '' }],
  ])('reads %s as an expired login', (_label, response) => {
    const error = classifyQwenHttpFailure(response);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: 'qwen_token_expired', retryable: true, credentialEffect: 'invalid' });
    expect(error.message).toMatch(/log in to chat\.qwen\.ai again and reconnect/i);
  });

  it('reads an HTTP 403 without WAF markers as a block to route around, never as an invalid account (D4)', () => {
    const error = classifyQwenHttpFailure({ status: 403, bodyText: '{"detail":"Forbidden"}' });
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ code: 'qwen_forbidden', retryable: true, credentialEffect: 'rotate' });
    expect(error.message).toMatch(/IP address.*not a sign that the account is invalid/i);
  });

  it.each(['aliyun_waf_aa', 'aliyun_waf_bb', '_____tmd_____', 'x5secdata'])(
    'reads a 200 HTML page containing %s as a verification request',
    (marker) => {
      const error = classifyQwenHttpFailure({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        bodyText: `<html><head><script>var ${marker}=1;</script></head><body></body></html>`,
      });
      expect(error).toBeInstanceOf(PermissionDeniedError);
      expect(error).toMatchObject({ code: 'qwen_verification_required', credentialEffect: 'needs-verification' });
      expect(error.message).toMatch(/open chat\.qwen\.ai in your browser.*pass the check.*reconnect/i);
    },
  );

  it('links the captcha page of a WAF page', () => {
    const error = classifyQwenHttpFailure({
      status: 405,
      contentType: 'text/html',
      bodyText:
        '<a href="https://chat.qwen.ai/api/_____tmd_____/punish?x5secdata=xyz&amp;x5step=1">verify</a>',
    });
    expect(error.details).toEqual({
      verificationUrl: 'https://chat.qwen.ai/api/_____tmd_____/punish?x5secdata=xyz&x5step=1',
    });
  });

  it('reads the risk-control JSON as a verification request with its URL', () => {
    const url = 'https://chat.qwen.ai/_____tmd_____/punish?x5secdata=abc&action=captchaconnect';
    const error = classifyQwenHttpFailure(
      json({ ret: ['FAIL_SYS_USER_VALIDATE', 'RGV587_ERROR::SM::busy'], data: { url } }),
    );
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({
      code: 'qwen_verification_required',
      credentialEffect: 'needs-verification',
      details: { verificationUrl: url },
    });
    expect(error.message).toContain(url);
  });

  it('reads an unknown parent so the provider can open a new chat', () => {
    const error = classifyQwenHttpFailure(failure('Bad_Request', 'Invalid input chat parent_id abc-123 is not exist.'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'qwen_unknown_parent', details: { parentId: 'abc-123' } });
  });

  it('reads moderation as a content filter refusal', () => {
    const error = classifyQwenHttpFailure(failure('data_inspection_failed', 'Input may be inappropriate.'));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ code: 'content_filter', retryable: false });
  });

  it("passes any other failure code through with Qwen's details", () => {
    const error = classifyQwenHttpFailure(failure('Something_New', 'A brand new failure'));
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error).toMatchObject({
      code: 'qwen_error',
      details: { qwenCode: 'Something_New', qwenDetails: 'A brand new failure' },
    });
    expect(error.message).toContain('A brand new failure');
  });

  it('names an unexpected content type', () => {
    const error = classifyQwenHttpFailure({
      status: 200,
      contentType: 'text/plain',
      bodyText: 'hello',
      expectedContentType: 'text/event-stream',
    });
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error).toMatchObject({ code: 'qwen_unexpected_content_type', details: { contentType: 'text/plain' } });
    expect(error.message).toMatch(/"text\/plain".*instead of text\/event-stream/);
  });

  it('reads a JSON answer that is no known error as an unexpected response, not a success', () => {
    const error = classifyQwenHttpFailure({ ...json({ hello: 'world' }), expectedContentType: 'text/event-stream' });
    expect(error).toMatchObject({ status: 502, code: 'qwen_unexpected_response' });
    expect(error.message).toContain('{"hello":"world"}');
  });

  it('reads HTTP 5xx as a retryable upstream failure', () => {
    const error = classifyQwenHttpFailure({ status: 503, contentType: 'text/html', bodyText: '<h1>Unavailable</h1>' });
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error).toMatchObject({ code: 'qwen_upstream_status', retryable: true, details: { status: 503 } });
  });

  it('reads other HTTP 4xx as a non-retryable upstream failure', () => {
    expect(classifyQwenHttpFailure({ status: 400, bodyText: 'bad' })).toMatchObject({
      status: 502,
      code: 'qwen_upstream_status',
      retryable: false,
    });
  });

  it('reads HTTP 404 as not found', () => {
    expect(classifyQwenHttpFailure({ status: 404, bodyText: '{"detail":"Not Found"}' })).toBeInstanceOf(NotFoundError);
  });

  it('honours the retry-after header of an HTTP 429, in seconds or as a date', () => {
    const inSeconds = classifyQwenHttpFailure({ status: 429, bodyText: '', headers: { 'retry-after': '120' } });
    expect(inSeconds).toBeInstanceOf(RateLimitError);
    expect(inSeconds).toMatchObject({ code: 'qwen_rate_limited', retryable: true, retryAfterSeconds: 120 });
    const asDate = classifyQwenHttpFailure({
      status: 429,
      bodyText: '',
      headers: { 'Retry-After': new Date(Date.now() + 30_000).toUTCString() },
    });
    expect(asDate.retryAfterSeconds).toBeGreaterThanOrEqual(28);
    expect(asDate.retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it('lets a JSON failure body win over the HTTP status', () => {
    const error = classifyQwenHttpFailure({ ...failure('RateLimited', 'limit', { num: 1 }), status: 429 });
    expect(error.code).toBe('qwen_daily_limit');
  });
});

describe(classifyQwenErrorPayload.name, () => {
  it('reads the in-stream error shapes', () => {
    expect(classifyQwenErrorPayload({ error: { code: 'quota_limit', details: 'busy' } })?.code).toBe('qwen_overloaded');
    const nested = classifyQwenErrorPayload({ data: { error: { code: 'unauthorized', details: 'x' } } });
    expect(nested?.code).toBe('qwen_token_expired');
  });

  it('gives undefined for a successful body', () => {
    expect(classifyQwenErrorPayload({ success: true, data: { id: 'chat-1' } })).toBeUndefined();
  });
});

describe(classifyTransportError.name, () => {
  const context = {
    baseUrl: 'https://chat.qwen.ai',
    timeouts: { connectTimeoutMs: 10_000, firstByteTimeoutMs: 60_000, idleTimeoutMs: 120_000 },
  };
  const networkError = (code: string) => Object.assign(new Error(`failed ${code}`), { code });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET'])(
    'reads %s as Qwen unreachable, naming the base URL',
    (code) => {
      const error = classifyTransportError(networkError(code), context);
      expect(error).toBeInstanceOf(BadGatewayError);
      expect(error).toMatchObject({ code: 'qwen_unreachable', retryable: true });
      expect(error.message).toContain('https://chat.qwen.ai');
      expect(error.message).toContain(code);
    },
  );

  it('finds the network code along the cause chain', () => {
    const wrapped = new TypeError('fetch failed', { cause: networkError('ECONNREFUSED') });
    expect(classifyTransportError(wrapped, context).message).toContain('ECONNREFUSED');
  });

  it.each([
    ['UND_ERR_CONNECT_TIMEOUT', 'connect', /connect timeout/],
    ['UND_ERR_HEADERS_TIMEOUT', 'first-byte', /first-byte timeout/],
    ['UND_ERR_BODY_TIMEOUT', 'idle', /idle timeout/],
  ])('reads %s as the %s timeout', (code, phase, message) => {
    const error = classifyTransportError(networkError(code), context);
    expect(error).toBeInstanceOf(GatewayTimeoutError);
    expect(error).toMatchObject({ code: 'qwen_timeout', retryable: true, details: { timeout: phase } });
    expect(error.message).toMatch(message);
  });

  it('reads an abort as a cancelled request, not an upstream failure', () => {
    const abort = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    expect(classifyTransportError(abort, context)).toMatchObject({ code: 'request_aborted', retryable: false });
  });

  it('reads an error without any network code as an internal error, not an unreachable Qwen', () => {
    expect(classifyTransportError(new TypeError('x is not a function'), context)).toMatchObject({
      status: 500,
      code: 'internal_error',
    });
  });

  it('reads invalid request arguments (a stray character in a cookie) as a credential problem', () => {
    const error = classifyTransportError(networkError('UND_ERR_INVALID_ARG'), context);
    expect(error).toMatchObject({ status: 502, code: 'qwen_invalid_request', retryable: false });
    expect(error.message).toMatch(/cookies/);
  });

  it('passes a gateway error through unchanged', () => {
    const original = emptyStreamError();
    expect(classifyTransportError(original, context)).toBe(original);
  });
});

describe(qwenTimeoutError.name, () => {
  it('names the timeout that fired and its length', () => {
    const firstByte = qwenTimeoutError('first-byte', 60_000, 'https://chat.qwen.ai');
    expect(firstByte.message).toMatch(/within 60 s \(first-byte timeout\)/);
    expect(qwenTimeoutError('idle', 1500, 'https://chat.qwen.ai').message).toMatch(/for 1\.5 s \(idle timeout\)/);
  });
});

describe('failures of an account proxy', () => {
  it("are the proxy's: retryable on another account, a cooldown for this one, credentials masked", () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const failure = new ProxyFailure(`Cannot reach the account's proxy ${maskProxyUrl('http://user:secret@127.0.0.1:9')} (ECONNREFUSED).`, maskProxyUrl('http://user:secret@127.0.0.1:9'), refused);
    const classified = classifyTransportError(Object.assign(new Error('fetch failed'), { cause: failure }), { baseUrl: 'https://chat.qwen.ai' });
    expect(classified).toMatchObject({ status: 502, code: 'qwen_proxy_unreachable', retryable: true, credentialEffect: 'cooldown', retryAfterSeconds: 60 });
    expect(classified.message).toContain('http://***@127.0.0.1:9');
    expect(classified.message).not.toContain('secret');
    // Without a proxy, the same refusal is Qwen's and changes no account.
    expect(classifyTransportError(refused, { baseUrl: 'https://chat.qwen.ai' })).toMatchObject({ code: 'qwen_unreachable', credentialEffect: undefined });
  });
});
