import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthenticationError, BadGatewayError, BadRequestError, RateLimitError, SseDecoder } from '@qwen-proxy/contracts';
import { framesOf } from './internal/frame-payloads';
import { classifyQwenErrorPayload, classifyQwenHttpFailure } from './qwen-error-classification';
import { QwenStreamState } from './qwen-stream-state';

/* Error shapes of 2026 (audit D1): every fixture in fixtures/real lands in the class it means. */

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', 'real', name), 'utf8');
const lines = (name: string) => fixture(name).split('\n').filter((line) => line.trim() !== '');
const asJsonAnswer = (bodyText: string, status = 200) => classifyQwenHttpFailure({ status, contentType: 'application/json', bodyText });

/** The error a body ends a completion stream with, when it arrives as an SSE frame. */
function streamErrorOf(body: string) {
  const decoder = new SseDecoder();
  const state = new QwenStreamState();
  const events = [...decoder.push(Buffer.from(`data: ${body}\n\n`)), ...decoder.end()].flatMap((message) =>
    framesOf(message.data).flatMap((frame) => state.push(frame)),
  );
  const last = [...events, ...state.end()].at(-1);
  if (last?.type !== 'error') throw new Error(`expected an error, got ${JSON.stringify(last)}`);
  return last.error;
}

describe('Qwen error shapes of 2026', () => {
  describe('daily limit without success:false (zbridge)', () => {
    const [withSuccess, withoutSuccess] = lines('unnamed-zbridge-ratelimited.json');

    it('still reads the classic shape as a 10 hour cooldown', () => {
      expect(asJsonAnswer(withSuccess!)).toMatchObject({ code: 'qwen_daily_limit', retryAfterSeconds: 36000, credentialEffect: 'cooldown' });
    });

    it('reads data.code + template as the daily limit, in a JSON answer and as a stream frame', () => {
      for (const error of [asJsonAnswer(withoutSuccess!), streamErrorOf(withoutSuccess!)]) {
        expect(error).toBeInstanceOf(RateLimitError);
        expect(error).toMatchObject({ code: 'qwen_daily_limit', retryable: true, credentialEffect: 'cooldown' });
        expect(error.message).toMatch(/daily usage limit/);
        expect(error.message).not.toContain('{{num}}');
      }
    });

    it('fills the template with num when one is given', () => {
      const error = asJsonAnswer(JSON.stringify({ data: { code: 'RateLimited', template: 'Wait {{num}} hours.', num: 3 } }));
      expect(error).toMatchObject({ code: 'qwen_daily_limit', retryAfterSeconds: 10800 });
      expect(error.message).toContain('Wait 3 hours.');
    });
  });

  it('reads a top-level {"code":"RateLimited","detail":…} SSE frame as the daily limit (FreeQwenApi sse.js)', () => {
    expect(streamErrorOf('{"code":"RateLimited","detail":"limit reached"}')).toMatchObject({ code: 'qwen_daily_limit', credentialEffect: 'cooldown' });
  });

  it('reads the bare {"code":"unauthorized"} of chats/new as an auth failure, exposing the code (SilverioSG)', () => {
    const error = asJsonAnswer(fixture('silveriosg-2026-09-chats-new-stale-version-unauthorized.json'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      code: 'qwen_token_expired',
      credentialEffect: 'invalid',
      details: { qwenCode: 'unauthorized', qwenDetails: '401 Unauthorized' },
    });
  });

  it('reads the token-expired answer as an auth failure', () => {
    expect(asJsonAnswer(fixture('unnamed-2026-10-token-expired.json'))).toMatchObject({
      code: 'qwen_token_expired',
      credentialEffect: 'invalid',
      details: { qwenCode: 'unauthorized' },
    });
  });

  it('reads the in-stream "Allocated quota exceeded" internal_error as a cooldown (ai-free)', () => {
    const error = streamErrorOf(fixture('staks-sor-ai-free-2026-08-in-stream-error-quota.json').trim());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: 'qwen_quota_exceeded', retryable: true, credentialEffect: 'cooldown' });
  });

  it('reads internal_error without quota as transient: another account, no state change', () => {
    const error = classifyQwenErrorPayload({ error: { code: 'internal_error', details: 'Internal error' } });
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error).toMatchObject({ code: 'qwen_internal_error', retryable: true, credentialEffect: 'rotate' });
  });

  it('keeps Bad_Request "Internal error..." (g4f, 2026-07) a Bad_Request', () => {
    expect(asJsonAnswer(fixture('g4f-working-issue5-2026-07-18-bad-request-internal-error.json'))).toMatchObject({ code: 'qwen_bad_request' });
  });

  it('reads ParallelLimited as a reason to use another account now, without a cooldown', () => {
    const error = classifyQwenErrorPayload({ success: false, data: { code: 'ParallelLimited', details: 'too many' } });
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: 'qwen_parallel_limited', retryable: true, credentialEffect: 'rotate' });
  });

  it('reads quotaLimited and HTTP 402 as a used-up quota (cooldown), with retry-after when given', () => {
    expect(classifyQwenErrorPayload({ success: false, data: { code: 'quotaLimited', details: 'no more' } })).toMatchObject({
      code: 'qwen_quota_exceeded',
      credentialEffect: 'cooldown',
    });
    const paid = classifyQwenHttpFailure({ status: 402, bodyText: 'Payment Required', headers: { 'retry-after': '120' } });
    expect(paid).toMatchObject({ code: 'qwen_quota_exceeded', credentialEffect: 'cooldown', retryAfterSeconds: 120 });
  });

  it('reads invalid_input as a 400 that names the locked-thinking cause', () => {
    const error = classifyQwenErrorPayload({ success: false, data: { code: 'invalid_input', details: 'invalid input' } });
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, code: 'qwen_invalid_input', retryable: false });
    expect(error?.message).toMatch(/cannot stop thinking.*-fast/);
  });

  it.each([
    ['omniroute-pr5855-2026-07-01-v2-user-retired.json', 'not found'],
    [JSON.stringify({ success: false, data: { code: 'Not_Found', details: 'chat not found' } }), 'Not_Found'],
  ])('reads %s as not found, keeping the code', (source, code) => {
    const body = source.endsWith('.json') ? fixture(source) : source;
    const error = asJsonAnswer(body);
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error).toMatchObject({ status: 502, code: 'qwen_not_found', retryable: false, details: { qwenCode: code } });
  });

  it.each(['You have reached the guest chat limit', 'Log in to continue'])('reads "%s" as an auth failure', (details) => {
    const error = classifyQwenErrorPayload({ success: false, data: { code: 'Forbidden', details } });
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: 'qwen_token_expired', credentialEffect: 'invalid' });
  });

  it('ends the stream on a delta with status "error"', () => {
    const error = streamErrorOf(JSON.stringify({ choices: [{ delta: { phase: 'answer', status: 'error', content: 'generation failed' } }] }));
    expect(error).toMatchObject({ code: 'qwen_generation_failed', retryable: true });
    expect(error.message).toContain('generation failed');
  });

  it('does not mistake a success answer with a code field for an error', () => {
    expect(classifyQwenErrorPayload({ success: true, data: { code: 'RateLimited', details: 'x' } })).toBeUndefined();
    expect(classifyQwenErrorPayload({ code: 0 })).toBeUndefined();
    expect(classifyQwenErrorPayload({ code: 'ok' })).toBeUndefined();
  });
});
