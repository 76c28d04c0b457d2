import { BadGatewayError, BadRequestError, GatewayTimeoutError, NotFoundError, RateLimitError } from '@qwen-proxy/contracts';
import {
  isRetryableStatus,
  upstreamHttpError,
  upstreamStreamError,
  upstreamTimeoutError,
  upstreamTransportError,
} from './upstream-error.mapping';

const identity = { providerId: 'lm-studio', providerName: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1' };

describe(upstreamHttpError.name, () => {
  it("keeps OpenAI's status, message, code and param", () => {
    const error = upstreamHttpError(
      {
        status: 404,
        headers: {},
        bodyText: JSON.stringify({
          error: { message: 'The model `gpt-5` does not exist or you do not have access to it.', type: 'invalid_request_error', param: 'model', code: 'model_not_found' },
        }),
      },
      identity,
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      message: 'The model `gpt-5` does not exist or you do not have access to it.',
      code: 'model_not_found',
      param: 'model',
      retryable: false,
      details: { provider: 'lm-studio', upstreamStatus: 404 },
    });
  });

  it('makes a 429 retryable after the wait the upstream asked for', () => {
    const error = upstreamHttpError(
      {
        status: 429,
        headers: { 'Retry-After': '7' },
        bodyText: '{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}',
      },
      identity,
    );
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded', retryable: true, retryAfterSeconds: 7 });
  });

  it.each([
    ['Ollama', '{"error":"model \\"llama9\\" not found, try pulling it first"}', 'model "llama9" not found, try pulling it first'],
    ['a bare message', '{"message":"Invalid token"}', 'Invalid token'],
    ['FastAPI', '{"detail":"Not authenticated"}', 'Not authenticated'],
    ['FastAPI validation', '{"detail":[{"loc":["body","messages"],"msg":"Field required"}]}', 'Field required'],
    ['plain text', '  upstream\n  overloaded  ', 'upstream overloaded'],
    ['an empty body', '', 'LM Studio answered HTTP 400 with no message.'],
    ['an HTML page', '<html><head><title>400 Bad Request</title></head></html>', 'LM Studio answered HTTP 400 with an HTML page titled "400 Bad Request".'],
    ['JSON without a message', '{"ok":false}', 'LM Studio answered HTTP 400 with no message.'],
  ])('reads the message of %s', (_, bodyText, message) => {
    const error = upstreamHttpError({ status: 400, headers: {}, bodyText }, identity);
    expect(error.message).toBe(message);
    expect(error.code).toBe('upstream_400');
  });

  it('ignores a numeric code (OpenRouter sends the status there)', () => {
    const error = upstreamHttpError({ status: 402, headers: {}, bodyText: '{"error":{"message":"Insufficient credits","code":402}}' }, identity);
    expect(error).toMatchObject({ message: 'Insufficient credits', code: 'upstream_402', retryable: false });
    // 402 has no class of its own: the factory's 4xx fallback, with the upstream's status kept in details.
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.details).toEqual({ provider: 'lm-studio', upstreamStatus: 402 });
  });

  it('shortens a runaway message', () => {
    const error = upstreamHttpError({ status: 500, headers: {}, bodyText: 'x'.repeat(5000) }, identity);
    expect(error.message.length).toBeLessThanOrEqual(1001);
    expect(error.retryable).toBe(true);
  });
});

describe(isRetryableStatus.name, () => {
  it.each([
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [408, true],
    [409, true],
    [422, false],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [529, true],
  ])('%i → %s', (status, retryable) => {
    expect(isRetryableStatus(status)).toBe(retryable);
  });
});

describe(upstreamStreamError.name, () => {
  it('takes the status from a numeric code and the message as sent', () => {
    const error = upstreamStreamError({ message: 'Provider returned error', code: 429 }, identity);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: 'upstream_stream_error', retryable: true, message: 'Provider returned error' });
  });

  it('is a retryable 502 when the error names no status', () => {
    const error = upstreamStreamError({ message: 'The server had an error while processing your request.', code: 'server_error', type: 'server_error' }, identity);
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error).toMatchObject({ code: 'server_error', retryable: true });
  });

  it('has a message of its own when the upstream gives none', () => {
    const error = upstreamStreamError({}, identity);
    expect(error.message).toBe('LM Studio reported an error in the middle of the answer.');
  });
});

describe(upstreamTimeoutError.name, () => {
  it('names the timeout that ran out', () => {
    const error = upstreamTimeoutError('first-byte', 2000, identity);
    expect(error).toBeInstanceOf(GatewayTimeoutError);
    expect(error).toMatchObject({
      code: 'upstream_timeout',
      retryable: true,
      message: 'LM Studio did not start answering within 2000 ms (first-byte timeout).',
      details: { provider: 'lm-studio', timeout: 'first-byte', timeoutMs: 2000 },
    });
  });
});

describe(upstreamTransportError.name, () => {
  it('is a retryable 502 naming the network error', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1234'), { code: 'ECONNREFUSED' });
    const error = upstreamTransportError(cause, identity);
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error).toMatchObject({
      code: 'upstream_unreachable',
      retryable: true,
      message: 'Could not reach LM Studio at http://127.0.0.1:1234/v1 (ECONNREFUSED).',
      cause,
    });
  });

  it("reads undici's connect timeout as a connect timeout, however deep in the causes", () => {
    const cause = Object.assign(new Error('request failed'), { cause: Object.assign(new Error('Connect Timeout Error'), { code: 'UND_ERR_CONNECT_TIMEOUT' }) });
    expect(upstreamTransportError(cause, identity, 500)).toMatchObject({ status: 504, code: 'upstream_timeout', details: { timeout: 'connect', timeoutMs: 500 } });
  });
});
