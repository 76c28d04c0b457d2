import fc from 'fast-check';
import { startTestStack, type TestStack } from '../e2e/support/test-stack';
import { isSurfaceError, surfaceOf } from './support/error-shapes';
import { definedHeaders, fuzzBody, fuzzHeaders } from './support/fuzz-arbitraries';
import { documentedEndpoints, type Endpoint, isClientApi } from './support/openapi-endpoints';
import { parseJson, rawRequest } from './support/raw-http';

/** Runs per endpoint and port; FUZZ_RUNS raises it for a longer hunt. */
const runs = Number(process.env['FUZZ_RUNS'] ?? 40);
/** Control-plane endpoints that take input; the rest (stop/start, events) only act or stream. */
const fuzzedControlPaths = /^\/api\/(credentials|providers|settings|api-keys)$/;

/**
 * Property: whatever body and headers a client sends, no endpoint of any surface answers 500 (an
 * unhandled failure), and every refusal is in that surface's error shape. Upstream failures
 * (502/504) are documented answers, not the proxy's own crash.
 */
describe('bad input: fuzzed bodies and headers on every endpoint of every surface', () => {
  let stack: TestStack;
  let endpoints: Endpoint[];

  beforeAll(async () => {
    stack = await startTestStack();
    endpoints = (await documentedEndpoints(stack.app.controlUrl)).filter(
      (endpoint) => isClientApi(endpoint) || (fuzzedControlPaths.test(endpoint.path) && endpoint.method !== 'DELETE'),
    );
  });
  afterAll(() => stack.close());

  it('covers the OpenAI surface and the control plane at least', () => {
    const covered = endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`);
    expect(covered).toEqual(expect.arrayContaining(['POST /v1/chat/completions', 'GET /v1/models', 'POST /api/credentials', 'POST /api/providers', 'PATCH /api/settings']));
  });

  it('never answers 500, and refuses in the surface’s error shape', async () => {
    const failures: string[] = [];
    // What the failing runs got, without fast-check's (huge) counterexamples.
    const problems = new Set<string>();
    for (const endpoint of endpoints) {
      const bases = isClientApi(endpoint) ? [stack.app.proxyUrl, stack.app.routerUrl] : [stack.app.controlUrl];
      const credential = isClientApi(endpoint) ? 'sk-fuzz' : stack.app.adminToken;
      for (const base of bases) {
        await fc.assert(
          fc.asyncProperty(fuzzBody, fuzzHeaders(credential), async (body, headers) => {
            const started = Date.now();
            const response = await rawRequest(`${base}${endpoint.path}`, {
              method: endpoint.method,
              headers: { ...definedHeaders(headers), host: new URL(base).host },
              body: endpoint.method === 'GET' ? undefined : body,
              timeoutMs: 15_000,
            }).catch((error: unknown) => ({ status: 0, headers: {}, body: String(error) }));
            const where = `${endpoint.method} ${base}${endpoint.path} → ${response.status} in ${Date.now() - started} ms: ${response.body.slice(0, 300)}`;
            const problem = (text: string) => {
              problems.add(`${text}: ${where}\n    body sent: ${String(body).slice(0, 200)}`);
              return new Error(text);
            };
            if (response.status === 500 || response.status === 0) throw problem('crashed');
            const isEventStream = String((response.headers as Record<string, unknown>)['content-type'] ?? '').startsWith('text/event-stream');
            if (response.status >= 400 && !isEventStream && !isSurfaceError(endpoint.path, parseJson(response.body))) throw problem("not the surface's error shape");
          }),
          { numRuns: runs, endOnFailure: true },
        ).catch((error: unknown) => failures.push(String(error).match(/\{ seed: [^}]*\}/)?.[0] ?? 'failed'));
      }
    }
    expect({ failures, problems: [...problems].slice(0, 20) }).toEqual({ failures: [], problems: [] });
  }, 240_000);

  it('a body over BODY_LIMIT (20 MB by default) gets 413 in the surface’s error shape; one under it does not', async () => {
    for (const endpoint of endpoints.filter((candidate) => candidate.method !== 'GET')) {
      const base = isClientApi(endpoint) ? stack.app.proxyUrl : stack.app.controlUrl;
      const credential = isClientApi(endpoint) ? 'sk-limit' : stack.app.adminToken;
      const padded = (bytes: number) => `{"model":"no-such-model","padding":"${'x'.repeat(bytes - 40)}"}`;
      const over = await rawRequest(`${base}${endpoint.path}`, {
        method: endpoint.method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
        body: padded(20 * 1024 * 1024 + 1024),
        timeoutMs: 30_000,
      });
      expect({ path: endpoint.path, status: over.status }).toEqual({ path: endpoint.path, status: 413 });
      expect(isSurfaceError(endpoint.path, parseJson(over.body))).toBe(true);
      if (surfaceOf(endpoint.path) === 'openai') expect(parseJson(over.body)).toMatchObject({ error: { code: 'request_too_large' } });
      const under = await rawRequest(`${base}${endpoint.path}`, {
        method: endpoint.method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
        body: padded(19 * 1024 * 1024),
        timeoutMs: 30_000,
      });
      expect({ path: endpoint.path, status: under.status }).not.toEqual({ path: endpoint.path, status: 413 });
      expect(under.status).toBeLessThan(500);
    }
  }, 120_000);
});

describe('BODY_LIMIT is configurable', () => {
  it('refuses a body over a lowered limit with 413, naming the limit', async () => {
    const stack = await startTestStack({ environment: { BODY_LIMIT: '2kb' } });
    try {
      const response = await stack.proxy('/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'user', content: 'x'.repeat(4096) }] }),
      });
      expect(response.status).toBe(413);
      const body = (await response.json()) as { error: { message: string; type: string } };
      expect(body.error.type).toBe('invalid_request_error');
      expect(body.error.message).toMatch(/2kb/);
      const small = await stack.proxy('/v1/chat/completions', { method: 'POST', body: JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'user', content: 'x' }] }) });
      expect(small.status).toBe(200);
    } finally {
      await stack.close();
    }
  });
});

