import { parseConsoleMessage } from './bridge-protocol';

describe(parseConsoleMessage.name, () => {
  it('reads a ping and a pair request', () => {
    expect(parseConsoleMessage({ source: 'qwen-proxy-console', type: 'ping' })).toEqual({ source: 'qwen-proxy-console', type: 'ping' });
    expect(parseConsoleMessage({ source: 'qwen-proxy-console', type: 'pair', controlUrl: 'http://127.0.0.1:3002', code: 'abc', extra: 1 })).toEqual({
      source: 'qwen-proxy-console',
      type: 'pair',
      controlUrl: 'http://127.0.0.1:3002',
      code: 'abc',
    });
  });

  it('ignores other posts: our own answers, other sources, incomplete requests', () => {
    expect(parseConsoleMessage({ source: 'qwen-proxy-extension', type: 'pong' })).toBeUndefined();
    expect(parseConsoleMessage({ source: 'qwen-proxy-console', type: 'pair', controlUrl: 'http://127.0.0.1:3002' })).toBeUndefined();
    expect(parseConsoleMessage('ping')).toBeUndefined();
    expect(parseConsoleMessage(null)).toBeUndefined();
  });
});
