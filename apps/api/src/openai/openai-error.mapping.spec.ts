import { AuthenticationError, BadGatewayError, RateLimitError, ServiceUnavailableError } from '@qwen-proxy/contracts';
import { retryHeadersOf, toOpenAiErrorBody } from './openai-error.mapping';

describe(toOpenAiErrorBody.name, () => {
  it('uses OpenAI error types and keeps the code and param', () => {
    expect(toOpenAiErrorBody(new RateLimitError('Slow down.', { code: 'qwen_daily_limit' }))).toEqual({
      error: { message: 'Slow down.', type: 'rate_limit_error', param: null, code: 'qwen_daily_limit' },
    });
    expect(toOpenAiErrorBody(new AuthenticationError('Reconnect.', { code: 'qwen_token_expired' })).error.type).toBe('authentication_error');
    expect(toOpenAiErrorBody(new BadGatewayError('Bad.', { code: 'qwen_bad_request' })).error.type).toBe('api_error');
  });
});

describe(retryHeadersOf.name, () => {
  it('tells SDKs not to retry a wait of hours, and passes retry-after', () => {
    expect(retryHeadersOf(new RateLimitError('Daily limit.', { code: 'qwen_daily_limit', retryable: true, retryAfterSeconds: 36_000 }))).toEqual({
      'retry-after': '36000',
      'x-should-retry': 'false',
    });
  });

  it('lets SDKs retry a short, transient failure', () => {
    expect(retryHeadersOf(new ServiceUnavailableError('Busy.', { code: 'busy', retryable: true, retryAfterSeconds: 2 }))['x-should-retry']).toBe('true');
  });

  it('never asks for a retry of what a retry cannot fix', () => {
    expect(retryHeadersOf(new BadGatewayError('Bad_Request.', { code: 'qwen_bad_request' }))['x-should-retry']).toBe('false');
    expect(retryHeadersOf(new AuthenticationError('Expired.', { code: 'x', retryable: true }))['x-should-retry']).toBe('false');
  });
});
