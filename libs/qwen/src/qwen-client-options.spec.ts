import { defaultQwenClientOptions, resolveQwenClientOptions } from './qwen-client-options';

describe(resolveQwenClientOptions.name, () => {
  it('starts from the documented defaults', () => {
    expect(resolveQwenClientOptions()).toEqual({
      baseUrl: 'https://chat.qwen.ai',
      userAgent: expect.stringMatching(/Chrome\/\d+/),
      bxVersion: '2.5.36',
      webVersionHeader: undefined,
      homepagePath: '/',
      webVersionPattern: String.raw`qwen-chat-fe/(\d+(?:\.\d+)+)/`,
      webVersionCacheMs: 1_800_000,
      versionOnCreateChat: true,
      stopCompletionPath: '/api/v2/chat/completions/stop',
      refreshTokenPath: '/api/v2/auths/refresh',
      chatInProgressRetryDelaysMs: [1500, 3000],
      completionVersion: '2.1',
      connectTimeoutMs: 10000,
      firstByteTimeoutMs: 60000,
      idleTimeoutMs: 120000,
      sseMaxLineBytes: 4 * 1024 * 1024,
      extraHeaders: {},
      dispatcher: undefined,
    });
  });

  it('applies overrides, keeps defaults for undefined ones and trims the base URL', () => {
    const options = resolveQwenClientOptions({
      baseUrl: 'http://127.0.0.1:9000/',
      idleTimeoutMs: 5,
      bxVersion: undefined,
    });
    expect(options).toMatchObject({ baseUrl: 'http://127.0.0.1:9000', idleTimeoutMs: 5, bxVersion: '2.5.36' });
  });

  it('never shares its objects with the defaults or the caller', () => {
    const extraHeaders = { a: '1' };
    const options = resolveQwenClientOptions({ extraHeaders });
    options.extraHeaders.b = '2';
    expect(extraHeaders).toEqual({ a: '1' });
    expect(defaultQwenClientOptions().extraHeaders).toEqual({});
  });
});
