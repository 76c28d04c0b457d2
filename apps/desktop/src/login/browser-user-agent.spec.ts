import { browserUserAgent } from './browser-user-agent';

describe(browserUserAgent.name, () => {
  it('drops the Electron and app tokens and keeps the Chrome one', () => {
    expect(
      browserUserAgent('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) qwen-proxy/0.1.0 Chrome/144.0.7559.60 Electron/40.8.5 Safari/537.36'),
    ).toBe('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/144.0.7559.60 Safari/537.36');
  });
});
