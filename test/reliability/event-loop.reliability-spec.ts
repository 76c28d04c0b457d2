import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeQwen, startFakeQwen } from '../fakes/qwen';
import { eventually } from '../fakes/qwen/spec-support/eventually';
import { type AppProcess, appProcessEnvironment, killIfRunning, startAppProcess } from './support/app-process';
import { guardEventLoop, probeCeilingMs } from './support/loop-guard';
import { parseJson, rawRequest } from './support/raw-http';

const requestTimeoutMs = 2_000;

/**
 * One process serves every port: a request that holds its event loop takes them all down. Each
 * attack here was found on loopback with one request; each runs against the real app (a child
 * process) while `/health/live` is probed every 100 ms, and no probe may wait a second.
 */
describe('event loop: no request freezes the process', () => {
  let fake: FakeQwen;
  let dataDirectory: string;
  let app: AppProcess | undefined;
  let endless: Server | undefined;

  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    rawRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-loop', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      timeoutMs: 60_000,
    });
  const guarded = async <T>(attack: () => Promise<T>): Promise<T> => {
    const report = await guardEventLoop(app!.controlUrl, attack);
    expect(report.probes).toBeGreaterThan(0);
    expect(report.worstProbeMs).toBeLessThan(probeCeilingMs);
    return report.result;
  };

  beforeAll(async () => {
    fake = await startFakeQwen({ chunkIntervalMs: 0 });
    dataDirectory = mkdtempSync(join(tmpdir(), 'qwen-proxy-loop-'));
    app = await startAppProcess({
      ...appProcessEnvironment(fake, dataDirectory, 'error'),
      REQUEST_BODY_TIMEOUT_MS: String(requestTimeoutMs),
      REQUEST_HEADERS_TIMEOUT_MS: String(requestTimeoutMs),
    });
  }, 90_000);
  afterAll(async () => {
    await killIfRunning(app);
    endless?.closeAllConnections();
    await new Promise((resolve) => (endless ? endless.close(resolve) : resolve(undefined)));
    await fake.close();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('count_tokens of one 117 KB run of letters (base64 pasted as text) answers without holding the loop', async () => {
    const response = await guarded(() =>
      post(`${app!.proxyUrl}/v1/messages/count_tokens`, { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'A'.repeat(117_000) }] }, { 'x-api-key': 'sk-loop' }),
    );
    expect(response.status).toBe(200);
    expect((parseJson(response.body) as { input_tokens: number }).input_tokens).toBeGreaterThan(10_000);
  }, 60_000);

  it('an unknown field of 40,000 keys is answered; one of 100,000 (over JSON_MAX_KEYS) is a 413 in each surface’s shape', async () => {
    const keys = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`k${index}`, index]));
    const accepted = await guarded(() => post(`${app!.proxyUrl}/v1/chat/completions`, { model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }], vendor: keys(40_000) }));
    expect(accepted.status).toBe(200);
    const [openAi, anthropic] = await guarded(() =>
      Promise.all([
        post(`${app!.proxyUrl}/v1/chat/completions`, { model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }], vendor: keys(100_000) }),
        post(`${app!.proxyUrl}/v1/messages`, { model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'Hello' }], vendor: keys(100_000) }, { 'x-api-key': 'sk-loop' }),
      ]),
    );
    expect({ status: openAi.status, body: parseJson(openAi.body) }).toEqual({ status: 413, body: { error: expect.objectContaining({ code: 'request_too_complex' }) } });
    expect({ status: anthropic.status, body: parseJson(anthropic.body) }).toEqual({
      status: 413,
      body: expect.objectContaining({ type: 'error', error: expect.objectContaining({ message: expect.stringContaining('JSON_MAX_KEYS') }) }),
    });
  }, 90_000);

  it('a tool pattern ^(a+)+$ against the model’s 31-character argument, and a 2 MB schema, do not hold the loop', async () => {
    const echo = { type: 'function', function: { name: 'echo', parameters: { type: 'object', properties: { text: { type: 'string', pattern: '^(a+)+$' } }, required: ['text'] } } };
    const call = (text: string) => `\`\`\`tool_call\n${JSON.stringify({ name: 'echo', arguments: { text } })}\n\`\`\``;
    fake.script({ kind: 'answer', text: call(`${'a'.repeat(30)}!`) }, { kind: 'answer', text: call('aaaa') });
    const repaired = await guarded(() => post(`${app!.proxyUrl}/v1/chat/completions`, { model: 'qwen3-max', messages: [{ role: 'user', content: 'Echo some a' }], tools: [echo] }));
    expect(repaired.status).toBe(200);
    const completion = parseJson(repaired.body) as { choices: { message: { tool_calls: { function: { arguments: string } }[] } }[] };
    expect(completion.choices[0]!.message.tool_calls[0]!.function.arguments).toBe('{"text":"aaaa"}');

    const properties = Object.fromEntries(Array.from({ length: 8_000 }, (_, index) => [`field_${index}`, { type: 'string', description: 'x'.repeat(250) }]));
    const huge = { type: 'function', function: { name: 'huge_tool', parameters: { type: 'object', properties } } };
    const refused = await guarded(() => post(`${app!.proxyUrl}/v1/chat/completions`, { model: 'qwen3-max', messages: [{ role: 'user', content: 'Hi' }], tools: [huge] }));
    expect(refused.body.length).toBeLessThan(2_000);
    expect({ status: refused.status, body: parseJson(refused.body) }).toEqual({
      status: 400,
      body: { error: expect.objectContaining({ code: 'invalid_tool_schema', message: expect.stringContaining('`huge_tool`') }) },
    });
  }, 90_000);

  it('an upstream event-stream line that never ends fails that stream with upstream_event_too_large', async () => {
    endless = createServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: {"choices":[{"delta":{"content":"');
      const piece = 'a'.repeat(64 * 1024);
      const pump = () => {
        while (!response.destroyed && response.write(piece));
        if (!response.destroyed) response.once('drain', pump);
      };
      pump();
    });
    await new Promise<void>((resolve) => endless!.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(endless.address() as AddressInfo).port}/v1`;
    const created = await post(`${app!.controlUrl}/api/providers`, { name: 'Endless', type: 'openai-compatible', baseUrl, models: ['endless-model'] }, { authorization: `Bearer ${app!.adminToken}` });
    expect(created.status).toBe(201);
    const response = await guarded(() => post(`${app!.routerUrl}/v1/chat/completions`, { model: 'endless-model', stream: true, messages: [{ role: 'user', content: 'Hi' }] }));
    expect(response.status).toBe(502);
    expect(parseJson(response.body)).toEqual({ error: expect.objectContaining({ code: 'upstream_event_too_large' }) });
  }, 90_000);

  it('client-chosen model names never become unbounded metric labels', async () => {
    await guarded(async () => {
      for (let index = 0; index < 200; index++) await post(`${app!.proxyUrl}/v1/chat/completions`, { model: `made-up-${index}`, messages: [{ role: 'user', content: 'x' }] });
    });
    const metrics = await rawRequest(`${app!.controlUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.body).not.toContain('made-up-');
    expect(metrics.body).toMatch(/qwen_proxy_requests_total\{[^}]*model="other"[^}]*status="404"/);
  }, 90_000);

  it('a body that never finishes arriving is cut after REQUEST_BODY_TIMEOUT_MS with a 408; a long answer is not', async () => {
    const { port } = new URL(app!.proxyUrl);
    const socket = connect(Number(port), '127.0.0.1');
    let answer = '';
    let closed = false;
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('close', () => (closed = true));
    socket.on('error', () => (closed = true));
    socket.write(`POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"model":`);
    await eventually(() => closed, requestTimeoutMs + 10_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('request_timeout');

    // Three keep-alive frames 1.5 s apart, then the answer: longer than the request timeout.
    fake.script({ kind: 'keep-alive', count: 3, intervalMs: 1_500, text: 'Still here.' });
    const stream = await post(`${app!.proxyUrl}/v1/chat/completions`, { model: 'qwen3-max', stream: true, messages: [{ role: 'user', content: 'Take your time' }] });
    expect(stream.status).toBe(200);
    expect(stream.body).toContain('Still here.');
    expect(stream.body.trimEnd().endsWith('data: [DONE]')).toBe(true);
  }, 60_000);
});
