import { defaultQwenClientOptions, type QwenClientOptions } from '../qwen-client-options';
import type { QwenCredentials } from '../qwen-credentials';
import { browserTimezone, buildRequestHeaders, type RequestHeaderParameters } from './request-headers';

const now = new Date('2026-03-05T16:34:20Z');
const credentials: QwenCredentials = {
  token: 'jwt.new.token',
  cookies: 'acw_tc=abc; token=jwt.old.token; ssxmod_itna=xyz',
};

function headersFor(overrides: Partial<RequestHeaderParameters> = {}, options: Partial<QwenClientOptions> = {}) {
  return buildRequestHeaders({
    options: { ...defaultQwenClientOptions(), ...options },
    credentials,
    endpoint: 'completion',
    chatId: 'chat-1',
    requestId: 'request-1',
    now,
    ...overrides,
  });
}

describe(buildRequestHeaders.name, () => {
  it('sends what the browser sends on a completion', () => {
    expect(headersFor()).toEqual({
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'User-Agent': defaultQwenClientOptions().userAgent,
      Origin: 'https://chat.qwen.ai',
      Referer: 'https://chat.qwen.ai/c/chat-1',
      source: 'web',
      'x-request-id': 'request-1',
      timezone: browserTimezone(now),
      'bx-v': '2.5.36',
      Authorization: 'Bearer jwt.new.token',
      Cookie: 'acw_tc=abc; token=jwt.new.token; ssxmod_itna=xyz',
      'x-accel-buffering': 'no',
    });
  });

  it('points the referer of chats/new at the new-chat page and drops the stream-only header', () => {
    const headers = headersFor({ endpoint: 'create-chat', chatId: undefined });
    expect(headers.Referer).toBe('https://chat.qwen.ai/c/new-chat');
    expect(headers.Accept).toBe('application/json');
    expect(headers['x-accel-buffering']).toBeUndefined();
  });

  it('prefers what was captured from the browser over the defaults', () => {
    const headers = headersFor({
      credentials: { ...credentials, userAgent: 'Browser UA', bxV: '2.5.99', bxUa: 'fingerprint', bxUmidtoken: 'umid' },
    });
    expect(headers).toMatchObject({
      'User-Agent': 'Browser UA',
      'bx-v': '2.5.99',
      'bx-ua': 'fingerprint',
      'bx-umidtoken': 'umid',
    });
  });

  it('takes the bearer token from the cookie jar when only cookies were pasted', () => {
    const headers = headersFor({ credentials: { token: '', cookies: 'a=1; token=from.cookie' } });
    expect(headers.Authorization).toBe('Bearer from.cookie');
  });

  it('sends the version header only when one is known', () => {
    expect(headersFor().version).toBeUndefined();
    expect(headersFor({ version: '0.3.12' }).version).toBe('0.3.12');
  });

  it('lets extra headers replace any default', () => {
    expect(headersFor({}, { extraHeaders: { 'bx-v': '9.9.9', 'Accept-Language': 'en-US' } })).toMatchObject({
      'bx-v': '9.9.9',
      'Accept-Language': 'en-US',
    });
  });

  it('replaces a default whatever the case of the override', () => {
    const headers = headersFor({}, { extraHeaders: { 'user-agent': 'Custom' } });
    expect(headers['user-agent']).toBe('Custom');
    expect(headers['User-Agent']).toBeUndefined();
  });

  it('sends no credentials on an anonymous call', () => {
    const headers = headersFor({ credentials: undefined, endpoint: 'other' });
    expect(headers.Authorization).toBeUndefined();
    expect(headers.Cookie).toBeUndefined();
    expect(headers.Referer).toBe('https://chat.qwen.ai/');
  });
});

describe(browserTimezone.name, () => {
  it('keeps the date and offset but not the zone name', () => {
    const formatted = browserTimezone(now);
    expect(formatted).toMatch(/^\w{3} \w{3} \d{2} \d{4} \d{2}:\d{2}:\d{2} GMT[+-]\d{4}$/);
    expect(formatted).not.toContain('(');
  });
});
