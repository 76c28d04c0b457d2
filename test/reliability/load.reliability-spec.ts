import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type FakeOpenAi, startFakeOpenAi } from '../fakes/openai/fake-openai';
import { registerUpstream, startTestStack, type TestStack } from '../e2e/support/test-stack';
import { driveLoad, fullyReceived } from './support/load-driver';

/**
 * Issue 9's load proof, with knobs for a longer or lighter run (CI defaults satisfy the issue):
 * LOAD_CLIENTS concurrent clients (200), for LOAD_DURATION_MS (30 s), half streaming, through
 * :3000 (Qwen, the fake) and :3001 (the router, to a fake OpenAI-compatible upstream), LOAD_HEAP_MB
 * the allowed growth of the live heap after a full garbage collection (128 MB).
 *
 * Memory is judged on the live heap after a collection, not on the resident set: the app, the
 * fakes and 200 clients share a jest worker whose RSS only ever grows, by how much depends on how
 * busy the machine is (+234 MB alone, +640 MB beside the other test projects), while a leak shows
 * as live objects that a collection cannot free.
 */
const clients = Number(process.env['LOAD_CLIENTS'] ?? 200);
const durationMs = Number(process.env['LOAD_DURATION_MS'] ?? 30_000);
const heapGrowthBoundMb = Number(process.env['LOAD_HEAP_MB'] ?? 128);

/** A full collection, from inside a process not started with --expose-gc. */
function collectGarbage(): void {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
}

function liveHeapMb(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

describe(`load: ${clients} concurrent clients for ${durationMs / 1000} s through :3000 and :3001`, () => {
  let stack: TestStack;
  let upstream: FakeOpenAi;

  beforeAll(async () => {
    stack = await startTestStack({ fakeOptions: { chunkIntervalMs: 0 } });
    upstream = await startFakeOpenAi({ name: 'load-upstream', models: ['load-model'] });
    upstream.setDefault({ kind: 'answer', text: 'A short and quick answer from the upstream.' });
    await registerUpstream(stack, upstream);
    // One fake account serves the proxy's share: let it take as many at once as the settings allow.
    expect((await stack.control('/api/settings', { method: 'PATCH', body: JSON.stringify({ accountConcurrency: 64 }) })).status).toBe(200);
  });
  afterAll(async () => {
    await stack.close();
    await upstream.close();
  });

  it('answers every request, records exactly one request row and one response row each, with bounded memory', async () => {
    const options = { baseUrls: [stack.app.proxyUrl, stack.app.routerUrl], modelFor: (baseUrl: string) => (baseUrl === stack.app.proxyUrl ? 'qwen3-max' : 'load-model') };
    // Warm up (JIT, pools, caches) so the memory baseline is not the cold start.
    const warmUp = await driveLoad({ ...options, clients: Math.min(clients, 20), durationMs: 1000 });
    await stack.flushRecords();
    const rssBefore = process.memoryUsage().rss;
    const heapBefore = liveHeapMb();
    const [{ count: rowsBefore }] = await stack.query<{ count: number }>('SELECT COUNT(*) AS count FROM requests');

    const { exchanges, rate } = await driveLoad({ ...options, clients, durationMs, deadlineMs: 60_000 });

    const broken = exchanges.filter((exchange) => !fullyReceived(exchange));
    expect(broken.slice(0, 5).map((exchange) => `${exchange.baseUrl} ${exchange.stream ? 'stream' : 'json'} ${exchange.status} ${exchange.failure ?? exchange.text.slice(0, 200)}`)).toEqual([]);
    expect(exchanges.length).toBeGreaterThan(clients);

    await stack.flushRecords();
    const [{ requests, responses }] = await stack.query<{ requests: number; responses: number }>(
      'SELECT (SELECT COUNT(*) FROM requests) AS requests, (SELECT COUNT(*) FROM responses) AS responses',
    );
    expect({ requests: requests - rowsBefore, responses: responses - rowsBefore }).toEqual({ requests: exchanges.length, responses: exchanges.length });
    const ids = new Set(exchanges.map((exchange) => exchange.requestId));
    expect(ids.size).toBe(exchanges.length);
    expect(warmUp.exchanges.every(fullyReceived)).toBe(true);

    const rssGrowthMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    // What the fakes keep by design (every request they saw) is not the proxy's to free.
    stack.fake.reset();
    const heapGrowthMb = liveHeapMb() - heapBefore;
    process.stdout.write(`load: ${exchanges.length} requests, ${rate.toFixed(0)}/s, live heap growth ${heapGrowthMb.toFixed(0)} MB, RSS growth ${rssGrowthMb.toFixed(0)} MB\n`);
    expect(heapGrowthMb).toBeLessThan(heapGrowthBoundMb);
    expect(stack.fake.openStreams).toBe(0);
    expect(upstream.openStreams).toBe(0);
  }, durationMs + 120_000);
});
