import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { DesktopApi, ProxyState } from '../../apps/desktop/src/api/desktop-api';
import { startInProcessApi } from '../../apps/desktop/src/api/in-process-api';
import { QwenLoginCapture } from '../../apps/desktop/src/login/qwen-login-capture';
import { FakeSessionFactory, FakeWindowFactory } from '../../apps/desktop/src/testing/fake-electron';
import { type FakeQwen, startFakeQwen } from '../fakes/qwen';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The desktop's adapter over the real API, and its login capture feeding that API. */
describe('desktop in-process API', () => {
  let fake: FakeQwen;
  let dataDirectory: string;
  let api: DesktopApi;

  beforeEach(async () => {
    fake = await startFakeQwen({ chunkIntervalMs: 1 });
    dataDirectory = mkdtempSync(join(tmpdir(), 'qwen-desktop-api-'));
    api = await startInProcessApi({
      HOST: '127.0.0.1',
      PROXY_PORT: '0',
      ROUTER_PORT: '0',
      CONTROL_PORT: '0',
      DATA_DIR: dataDirectory,
      QWEN_BASE_URL: fake.url,
      LOG_LEVEL: 'silent',
      SECRET_KEY: 'a-key-protected-by-safe-storage',
    });
  });
  afterEach(async () => {
    await api.close(100);
    await fake.close();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('answers /health on the control plane and writes no plain key file when given SECRET_KEY', async () => {
    expect((await fetch(`${api.controlUrl}/health`)).status).toBe(200);
    expect(api.adminToken.length).toBeGreaterThanOrEqual(16);
    expect(existsSync(join(dataDirectory, 'secret.key'))).toBe(false);
  });

  it('a login captured from the cookie store becomes a desktop account that serves chat completions', async () => {
    const account = fake.issueAccount();
    const sessions = new FakeSessionFactory();
    const capture = new QwenLoginCapture(sessions, new FakeWindowFactory(), api, () => undefined, silent, {
      loginUrl: fake.url,
      cookieDomain: 'qwen.ai',
      partition: 'persist:qwen-login',
      debounceMs: 5,
    });
    const connected = capture.connect();
    for (const pair of account.cookies.split(/;\s*/)) {
      const separator = pair.indexOf('=');
      sessions.fromPartition('persist:qwen-login').setCookie(pair.slice(0, separator), pair.slice(separator + 1));
    }

    await expect(connected).resolves.toMatchObject({ connected: true });
    const [credential] = await api.listCredentials();
    expect(credential).toMatchObject({ source: 'desktop', status: 'valid' });

    const proxy = new OpenAI({ baseURL: `${api.proxyState().url}/v1`, apiKey: 'anything', maxRetries: 0 });
    const completion = await proxy.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello from the desktop' }] });
    expect(completion.choices[0]!.message.content).toContain('Hello from the desktop');

    await capture.revoke();
    expect(await api.listCredentials()).toEqual([]);
    capture.dispose();
  });

  it('starts and stops the proxy and reports each change', async () => {
    const states: ProxyState[] = [];
    const unsubscribe = api.onProxyStateChanged((state) => states.push(state));

    expect(api.proxyState()).toMatchObject({ running: true, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    await expect(api.stopProxy()).resolves.toEqual({ running: false });
    await expect(api.startProxy()).resolves.toMatchObject({ running: true });
    unsubscribe();

    expect(states.map((state) => state.running)).toEqual([false, true]);
  });
});
