import { createServer, type Server, type Socket } from 'node:net';
import type OpenAI from 'openai';
import { QwenAccountPool } from '../../apps/api/src/credentials/qwen-account-pool';
import { eventually } from '../fakes/qwen/spec-support/eventually';
import { startTestStack, type TestStack } from './support/test-stack';

interface AccountView {
  id: string;
  label: string;
  status: string;
  statusReason: string | null;
}

/** A port on loopback that nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A "proxy" that accepts TCP connections and never answers anything. */
async function silentProxy(): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    connections: () => sockets.length,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Accounts behind a broken proxy (issue 14 item 11): failover, a state the console shows, freed slots, a Test that goes through the proxy. */
describe("an account whose own proxy fails", () => {
  let stack: TestStack;

  async function connect(label: string, proxyUrl?: string): Promise<AccountView> {
    const account = stack.fake.issueAccount({ label });
    const response = await stack.control('/api/credentials', { method: 'POST', body: JSON.stringify({ ...account, label, ...(proxyUrl ? { proxyUrl } : {}) }) });
    expect(response.status).toBe(201);
    return (await response.json()) as AccountView;
  }
  const accountView = async (id: string) => ((await (await stack.control('/api/credentials')).json()) as AccountView[]).find((account) => account.id === id)!;
  const ask = () => stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' } as OpenAI.Chat.ChatCompletionMessageParam] }).withResponse();

  afterEach(() => stack.close());

  it('behind a closed port: every request is answered by another account, the account rests with the reason, and its Test fails through the proxy', async () => {
    stack = await startTestStack({ seedAccount: false });
    const broken = await connect('behind-closed-port', `http://127.0.0.1:${await closedPort()}`);
    const direct = await connect('direct');
    for (let count = 0; count < 6; count++) {
      // Before: every request that drew the broken account failed with 502 qwen_unreachable.
      const result = await ask();
      expect(result.response.status).toBe(200);
      expect(result.response.headers.get('x-qwen-account')).toBe(direct.id);
    }
    const view = await accountView(broken.id);
    expect(view.status).toBe('cooldown');
    expect(view.statusReason).toMatch(/proxy http:\/\/127\.0\.0\.1:\d+/);

    // Before: the Test went straight to Qwen (exposing this machine's address) and passed.
    const test = (await (await stack.control(`/api/credentials/${broken.id}/test`, { method: 'POST' })).json()) as { ok: boolean; code?: string };
    expect(test).toMatchObject({ ok: false, code: 'qwen_proxy_unreachable' });
    const directTest = (await (await stack.control(`/api/credentials/${direct.id}/test`, { method: 'POST' })).json()) as { ok: boolean };
    expect(directTest.ok).toBe(true);
  });

  it('behind a proxy that never answers CONNECT: bounded by QWEN_PROXY_TUNNEL_TIMEOUT_MS, then another account answers', async () => {
    const proxy = await silentProxy();
    try {
      stack = await startTestStack({ seedAccount: false, environment: { QWEN_PROXY_TUNNEL_TIMEOUT_MS: '300' } });
      const silent = await connect('behind-silent-proxy', `http://127.0.0.1:${proxy.port}`);
      const direct = await connect('direct');
      for (let count = 0; count < 3; count++) {
        const result = await ask();
        expect(result.response.status).toBe(200);
        expect(result.response.headers.get('x-qwen-account')).toBe(direct.id);
      }
      expect(proxy.connections()).toBeGreaterThan(0);
      const view = await accountView(silent.id);
      expect(view.status).toBe('cooldown');
      expect(view.statusReason).toMatch(/did not answer CONNECT within 300 ms/);
    } finally {
      await proxy.close();
    }
  });

  it("frees the account's slot as soon as the client hangs up, while the proxy is still silent", async () => {
    const proxy = await silentProxy();
    try {
      // The default tunnel timeout (10 s) is far longer than this test waits.
      stack = await startTestStack({ seedAccount: false });
      const silent = await connect('behind-silent-proxy', `http://127.0.0.1:${proxy.port}`);
      const pool = stack.app.app.get(QwenAccountPool);
      const controller = new AbortController();
      const pending = stack
        .proxy('/v1/chat/completions', {
          method: 'POST',
          body: JSON.stringify({ model: 'qwen3-max', stream: true, messages: [{ role: 'user', content: 'Hello' }] }),
          signal: controller.signal,
        })
        .catch((error: unknown) => error);
      await eventually(() => proxy.connections() > 0 && pool.inflightOf(silent.id) === 1, 5000);
      controller.abort();
      await pending;
      // Before: the slot stayed leased until the CONNECT gave up (300 s by undici's default).
      await eventually(() => pool.inflightOf(silent.id) === 0, 1000);
    } finally {
      await proxy.close();
    }
  });
});
