import { ConfigurationError, isLoopbackHost, loadConfig } from './app-config';

describe(loadConfig.name, () => {
  it('needs nothing: every default of the configuration contract', () => {
    const config = loadConfig({}, '/work');
    expect(config).toMatchObject({
      host: '127.0.0.1',
      proxyPort: 3000,
      routerPort: 3001,
      controlPort: 3002,
      proxyAutostart: true,
      dataDirectory: '/work/data',
      qwen: { baseUrl: 'https://chat.qwen.ai' },
      logLevel: 'info',
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.qwen)).toBe(true);
  });

  it('names every bad variable at once', () => {
    try {
      loadConfig({ PROXY_PORT: 'abc', CONTROL_PORT: '70000', QWEN_BASE_URL: 'ftp://x', LOG_LEVEL: 'loud', PROXY_AUTOSTART: 'maybe' });
      throw new Error('expected a ConfigurationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      const message = (error as Error).message;
      for (const name of ['PROXY_PORT', 'CONTROL_PORT', 'QWEN_BASE_URL', 'LOG_LEVEL', 'PROXY_AUTOSTART']) expect(message).toContain(name);
    }
  });

  it('reads overrides, trims the base URL and treats empty strings as unset', () => {
    const config = loadConfig({ QWEN_BASE_URL: 'http://127.0.0.1:3100/', PROXY_AUTOSTART: 'false', QWEN_TOKEN: '  ', DATA_DIR: '/tmp/x' });
    expect(config.qwen.baseUrl).toBe('http://127.0.0.1:3100');
    expect(config.proxyAutostart).toBe(false);
    expect(config.qwen.token).toBeUndefined();
    expect(config.dataDirectory).toBe('/tmp/x');
  });

  it('holds the resource limits, frozen, with the README defaults, and refuses a limit of 0 where 0 means nothing', () => {
    const { limits } = loadConfig({}, '/work');
    expect(limits).toEqual({
      requestBodyTimeoutMs: 60_000,
      requestHeadersTimeoutMs: 20_000,
      jsonMaxKeys: 50_000,
      jsonMaxDepth: 128,
      sseMaxLineBytes: 4 * 1024 * 1024,
      toolSchemaMaxBytes: 64 * 1024,
      toolSchemaMaxNodes: 500,
      toolSchemaCacheSize: 256,
      tokenizerInlineMaxChars: 4_096,
      tokenizerMaxInputChars: 4_000_000,
      tokenizerTimeoutMs: 10_000,
      tokenizerWorkers: 1,
      metricsMaxModelLabels: 100,
    });
    expect(Object.isFrozen(limits)).toBe(true);
    expect(loadConfig({ REQUEST_BODY_TIMEOUT_MS: '0', SSE_MAX_LINE_BYTES: '1048576' }, '/work').limits).toMatchObject({ requestBodyTimeoutMs: 0, sseMaxLineBytes: 1_048_576 });
    expect(() => loadConfig({ JSON_MAX_KEYS: '0', TOKENIZER_WORKERS: 'many' })).toThrow(/JSON_MAX_KEYS[\s\S]*TOKENIZER_WORKERS/);
  });

  it('refuses cookies without any token', () => {
    expect(() => loadConfig({ QWEN_COOKIES: 'acw_tc=1' })).toThrow(/QWEN_TOKEN/);
    expect(loadConfig({ QWEN_COOKIES: 'acw_tc=1; token=abc' }).qwen.cookies).toContain('token=abc');
  });
});

describe(isLoopbackHost.name, () => {
  it('tells loopback from everything else', () => {
    expect(['127.0.0.1', 'localhost', '::1', '127.1.2.3'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '192.168.1.2', '::'].some(isLoopbackHost)).toBe(false);
  });
});
