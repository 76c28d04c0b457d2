import { BadGatewayError, NotFoundError, RateLimitError, ServiceUnavailableError } from '@qwen-proxy/contracts';
import { anthropicStatusAndType, toAnthropicErrorBody } from './anthropic-error.mapping';

describe(toAnthropicErrorBody.name, () => {
  it("uses Anthropic's shape and error types", () => {
    expect(toAnthropicErrorBody(new RateLimitError('Slow down.', { code: 'qwen_daily_limit' }))).toEqual({ type: 'error', error: { type: 'rate_limit_error', message: 'Slow down.' } });
    expect(toAnthropicErrorBody(new NotFoundError('No.', { code: 'model_not_found' })).error.type).toBe('not_found_error');
    expect(toAnthropicErrorBody(new BadGatewayError('Bad.', { code: 'qwen_bad_request' })).error.type).toBe('api_error');
  });

  it('answers overloaded with 529, as Anthropic does', () => {
    expect(anthropicStatusAndType(new ServiceUnavailableError('Busy.', { code: 'busy' }).status)).toEqual({ status: 529, type: 'overloaded_error' });
    expect(anthropicStatusAndType(401)).toEqual({ status: 401, type: 'authentication_error' });
    expect(anthropicStatusAndType(403)).toEqual({ status: 403, type: 'permission_error' });
  });
});
