import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeQwen, startFakeQwen } from '../fakes/qwen';
import { type AppProcess, appProcessEnvironment, killIfRunning, startAppProcess } from './support/app-process';
import { driveLoad, fullyReceived } from './support/load-driver';

/** How long load runs before the kill; CRASH_LOAD_MS and CRASH_CLIENTS tune the run. */
const loadBeforeKillMs = Number(process.env['CRASH_LOAD_MS'] ?? 2500);
const clients = Number(process.env['CRASH_CLIENTS'] ?? 40);

/**
 * The process killed with SIGKILL under load, then started again on the same data folder: the
 * database passes `PRAGMA integrity_check`, and every answer a client fully received (a 200 with
 * its completion, or a stream that reached `[DONE]`) has its request row and its response row.
 */
describe('crash: SIGKILL under load, then restart', () => {
  let fake: FakeQwen;
  let dataDirectory: string;
  let app: AppProcess | undefined;

  beforeAll(async () => {
    fake = await startFakeQwen({ chunkIntervalMs: 1 });
    dataDirectory = mkdtempSync(join(tmpdir(), 'qwen-proxy-crash-'));
  });
  afterAll(async () => {
    await killIfRunning(app);
    await fake.close();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('keeps the database sound and every fully received answer recorded', async () => {
    const environment = appProcessEnvironment(fake, dataDirectory, 'error');
    app = await startAppProcess(environment);
    const killed = new AbortController();
    const load = driveLoad({ baseUrls: [app.proxyUrl, app.routerUrl], clients, durationMs: 60_000, modelFor: () => 'qwen3-max', deadlineMs: 10_000 }, killed.signal);
    await new Promise((resolve) => setTimeout(resolve, loadBeforeKillMs));
    app.child.kill('SIGKILL');
    killed.abort();
    expect(await app.exited).toBe('SIGKILL');
    const { exchanges } = await load;
    const received = exchanges.filter(fullyReceived);
    expect(received.length).toBeGreaterThan(20);
    // Some were in flight at the kill: they broke, as they must.
    expect(exchanges.some((exchange) => !fullyReceived(exchange))).toBe(true);

    app = await startAppProcess(environment);
    const afterRestart = await fetch(`${app.proxyUrl}/v1/models`, { headers: { authorization: 'Bearer sk-after-crash' } });
    expect(afterRestart.status).toBe(200);
    app.child.kill('SIGTERM');
    await app.exited;

    const database = new Database(join(dataDirectory, 'qwen-proxy.sqlite'), { readonly: true });
    try {
      expect(database.pragma('integrity_check', { simple: true })).toBe('ok');
      const recorded = new Set(
        (database.prepare('SELECT requests.id AS id FROM requests JOIN responses ON responses.request_id = requests.id').all() as { id: string }[]).map((row) => row.id),
      );
      const missing = received.filter((exchange) => !recorded.has(exchange.requestId!)).map((exchange) => `${exchange.requestId} ${exchange.stream ? 'stream' : 'json'}`);
      expect({ fullyReceived: received.length, missing }).toEqual({ fullyReceived: received.length, missing: [] });
    } finally {
      database.close();
    }
  }, 120_000);
});
