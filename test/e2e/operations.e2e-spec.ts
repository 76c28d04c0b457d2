import { RetentionService } from '../../apps/api/src/recording/retention.service';
import { startTestStack, type TestStack } from './support/test-stack';

describe('operations: health, metrics, host check, security headers, retention', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  it('answers liveness and readiness, and readiness follows the proxy port', async () => {
    expect(await (await fetch(`${stack.app.controlUrl}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${stack.app.controlUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok', migrations: 'done', proxy: 'listening' } });
    await stack.control('/api/proxy/stop', { method: 'POST' });
    const stopped = await fetch(`${stack.app.controlUrl}/health/ready`);
    expect(stopped.status).toBe(503);
    expect(await stopped.json()).toMatchObject({ checks: { proxy: 'stopped' } });
    await stack.control('/api/proxy/start', { method: 'POST' });
  });

  it('exposes Prometheus metrics that count requests, failures and tokens', async () => {
    await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Count me' }] });
    stack.fake.failNext('moderation');
    await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'No' }] }).catch(() => undefined);
    const text = await (await fetch(`${stack.app.controlUrl}/metrics`)).text();
    expect(text).toMatch(/qwen_proxy_requests_total\{listener="proxy",surface="openai-chat",model="qwen3-max",provider="qwen-web",status="200"\} 1/);
    expect(text).toMatch(/qwen_proxy_upstream_failures_total\{provider="qwen-web",code="content_filter"\} 1/);
    expect(text).toMatch(/qwen_proxy_tokens_total\{model="qwen3-max",kind="completion"\} \d+/);
    expect(text).toMatch(/qwen_proxy_time_to_first_token_seconds_bucket/);
    expect(text).toMatch(/qwen_proxy_accounts\{state="valid"\} 1/);
    expect(text).toMatch(/qwen_proxy_active_requests\{listener="proxy"\} 0/);
  });

  it('refuses foreign Host headers (DNS rebinding) on every port', async () => {
    for (const url of [`${stack.app.controlUrl}/api/credentials`, `${stack.app.proxyUrl}/v1/models`]) {
      const response = await fetchWithHost(url, 'evil.example');
      expect(response.status).toBe(403);
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'host_not_allowed' } });
    }
    expect((await fetchWithHost(`${stack.app.controlUrl}/health`, 'localhost')).status).toBe(200);
  });

  it('answers headers over 16 KB with a JSON 431, not a bare status line', async () => {
    const { request } = await import('node:http');
    const target = new URL(stack.app.proxyUrl);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = request({ hostname: target.hostname, port: target.port, path: '/v1/models', headers: { 'x-padding': 'x'.repeat(20_000) } }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'headers_too_large' } });
  });

  it('sends security headers from the control plane', async () => {
    const response = await fetch(`${stack.app.controlUrl}/health`);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('prunes old rows and clears old bodies', async () => {
    await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Old news' }] });
    await stack.flushRecords();
    const retention = stack.app.app.get(RetentionService);
    const inEightDays = Date.now() + 8 * 86_400_000;
    const cleared = await retention.prune(inEightDays);
    expect(cleared.bodiesCleared).toBeGreaterThan(0);
    expect(await stack.query('SELECT id FROM requests WHERE body IS NOT NULL')).toEqual([]);
    const deleted = await retention.prune(Date.now() + 31 * 86_400_000);
    expect(deleted.deleted).toBeGreaterThan(0);
    expect(await stack.query('SELECT request_id FROM responses')).toEqual([]);
  });
});

/** fetch() may not override Host; a raw request can. */
async function fetchWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  const { request } = await import('node:http');
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname: target.hostname, port: target.port, path: target.pathname, headers: { host, authorization: 'Bearer x' } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}
