import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { type FakeOpenAi, startFakeOpenAi } from '../fakes/openai/fake-openai';
import { type FakeQwen, startFakeQwen } from '../fakes/qwen';
import { eventually } from '../fakes/qwen/spec-support/eventually';
import { type AppProcess, appProcessEnvironment, killIfRunning, startAppProcess } from '../reliability/support/app-process';
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from './support/otlp-receiver';

const serverKind = 2;
const clientKind = 3;
const errorStatus = 2;
/** Spans are exported in batches (1 s apart), on a machine that may be busy. */
const exportTimeoutMs = 15_000;

/**
 * The app runs as its own process (apps/api/src/main.ts): the OTLP exporter loads `http` with a
 * dynamic import(), which jest's module sandbox cannot run without --experimental-vm-modules.
 */
describe('OpenTelemetry traces, exported over OTLP/HTTP to a real receiver', () => {
  jest.setTimeout(90_000);
  let receiver: OtlpReceiver;
  let fake: FakeQwen;
  let app: AppProcess;
  let dataDirectory: string;
  let proxyClient: OpenAI;
  let routerClient: OpenAI;
  let upstream: FakeOpenAi;
  let broken: FakeOpenAi;
  let upstreamId: string;
  let brokenId: string;

  /** The request span carrying `requestId`, once exported, and every span of its trace. */
  const traceOf = async (requestId: string, spanCount: number) => {
    let root: ReceivedSpan | undefined;
    await eventually(() => {
      root = receiver.spans.find((span) => span.attributes['qwen_proxy.request_id'] === requestId && span.parentSpanId === undefined);
      return root !== undefined && receiver.spans.filter((span) => span.traceId === root!.traceId).length >= spanCount;
    }, exportTimeoutMs);
    const spans = receiver.spans.filter((span) => span.traceId === root!.traceId);
    const childrenOf = (parent: ReceivedSpan) => spans.filter((span) => span.parentSpanId === parent.spanId);
    return { root: root!, spans, childrenOf };
  };

  const registerUpstream = async (upstream: FakeOpenAi): Promise<string> => {
    const response = await fetch(`${app.controlUrl}/api/providers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminToken}` },
      body: JSON.stringify({ name: upstream.name, type: 'openai-compatible', baseUrl: upstream.url }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    fake = await startFakeQwen({ chunkIntervalMs: 1 });
    dataDirectory = mkdtempSync(join(tmpdir(), 'qwen-proxy-tracing-'));
    app = await startAppProcess({
      ...appProcessEnvironment(fake, dataDirectory, 'warn'),
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: 'qwen-proxy-e2e',
    });
    proxyClient = new OpenAI({ baseURL: `${app.proxyUrl}/v1`, apiKey: 'sk-test', maxRetries: 0 });
    routerClient = new OpenAI({ baseURL: `${app.routerUrl}/v1`, apiKey: 'sk-test', maxRetries: 0 });
    upstream = await startFakeOpenAi({ name: 'gamma', models: ['gamma-model'] });
    upstream.setDefault({ kind: 'answer', text: 'from gamma' });
    broken = await startFakeOpenAi({ name: 'broken', models: ['broken-model'] });
    broken.setDefault({ kind: 'status', status: 400, body: { error: { message: 'no such thing', type: 'invalid_request_error', code: 'bad_thing' } } });
    upstreamId = await registerUpstream(upstream);
    brokenId = await registerUpstream(broken);
  });
  afterAll(async () => {
    await killIfRunning(app);
    await fake.close();
    rmSync(dataDirectory, { recursive: true, force: true });
    await upstream.close();
    await broken.close();
    await receiver.close();
  });

  it('traces a streamed chat completion on :3000: request span → Qwen chats/new and completion spans, GenAI attributes', async () => {
    const { data: stream, response } = await proxyClient.chat.completions
      .create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }], stream: true, stream_options: { include_usage: true } })
      .withResponse();
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toContain('You said');
    const requestId = response.headers.get('x-request-id')!;

    const { root, childrenOf } = await traceOf(requestId, 3);
    expect(root.name).toBe('chat qwen3-max');
    expect(root.kind).toBe(serverKind);
    expect(root.resource['service.name']).toBe('qwen-proxy-e2e');
    expect(root.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'qwen-web',
      'gen_ai.request.model': 'qwen3-max',
      'gen_ai.response.model': 'qwen3-max',
      'gen_ai.response.finish_reasons': ['stop'],
      'qwen_proxy.surface': 'openai-chat',
      'qwen_proxy.stream': true,
      'http.response.status_code': 200,
    });
    expect(root.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
    expect(root.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    expect(root.statusCode).not.toBe(errorStatus);

    const upstreamCalls = childrenOf(root);
    expect(upstreamCalls.map((span) => span.name).sort()).toEqual(['chat qwen3-max', 'qwen chats/new']);
    expect(upstreamCalls.every((span) => span.kind === clientKind && span.attributes['gen_ai.provider.name'] === 'qwen-web')).toBe(true);
    const completion = upstreamCalls.find((span) => span.name === 'chat qwen3-max')!;
    expect(completion.attributes).toMatchObject({ 'gen_ai.request.model': 'qwen3-max', 'gen_ai.response.finish_reasons': ['stop'] });
    expect(completion.attributes['gen_ai.response.id']).toEqual(expect.any(String));
  });

  it('traces a routed request: request span → attempt span → upstream call span', async () => {
    const { data: stream, response } = await routerClient.chat.completions
      .create({ model: 'gamma-model', messages: [{ role: 'user', content: 'Hello' }], stream: true, stream_options: { include_usage: true } })
      .withResponse();
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('from gamma');
    const requestId = response.headers.get('x-request-id')!;

    const { root, childrenOf } = await traceOf(requestId, 3);
    expect(root.attributes).toMatchObject({ 'gen_ai.request.model': 'gamma-model', 'gen_ai.provider.name': upstreamId, 'qwen_proxy.listener': 'router' });
    const [attempt, ...otherAttempts] = childrenOf(root);
    expect(otherAttempts).toEqual([]);
    expect(attempt!.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': upstreamId,
      'gen_ai.request.model': 'gamma-model',
      'gen_ai.response.finish_reasons': ['stop'],
      'qwen_proxy.request_id': requestId,
    });
    const [call, ...otherCalls] = childrenOf(attempt!);
    expect(otherCalls).toEqual([]);
    expect(call!.kind).toBe(clientKind);
    expect(call!.attributes).toMatchObject({ 'url.full': `${upstream.url}/chat/completions`, 'gen_ai.response.model': expect.any(String) });
    expect(call!.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
  });

  it('marks a failed request, its attempt and its upstream call with error status and error.type', async () => {
    const response = await fetch(`${app.routerUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      body: JSON.stringify({ model: 'broken-model', messages: [{ role: 'user', content: 'Hello' }] }),
    });
    expect(response.status).toBe(400);
    const requestId = response.headers.get('x-request-id')!;

    const { root, childrenOf } = await traceOf(requestId, 3);
    expect(root.statusCode).toBe(errorStatus);
    expect(root.attributes['http.response.status_code']).toBe(400);
    const errorType = root.attributes['error.type'];
    expect(errorType).toEqual(expect.any(String));
    const [attempt] = childrenOf(root);
    expect(attempt!.attributes).toMatchObject({ 'gen_ai.provider.name': brokenId, 'error.type': errorType });
    expect(attempt!.statusCode).toBe(errorStatus);
    const [call] = childrenOf(attempt!);
    expect(call!.statusCode).toBe(errorStatus);
    expect(call!.attributes['error.type']).toBe(errorType);
  });

  it('marks a Qwen refusal on :3000 the same way (content_filter)', async () => {
    fake.failNext('moderation');
    const response = await fetch(`${app.proxyUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      body: JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }] }),
    });
    expect(response.status).toBe(400);
    const { root, childrenOf } = await traceOf(response.headers.get('x-request-id')!, 3);
    expect(root).toMatchObject({ statusCode: errorStatus, attributes: expect.objectContaining({ 'error.type': 'content_filter' }) });
    const completion = childrenOf(root).find((span) => span.name === 'chat qwen3-max')!;
    expect(completion).toMatchObject({ statusCode: errorStatus, attributes: expect.objectContaining({ 'error.type': 'content_filter' }) });
  });

  it('traces an image upload to Qwen as its own span under the request', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    const { response } = await proxyClient.chat.completions
      .create({
        model: 'qwen3-vl-plus',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this picture?' },
              { type: 'image_url', image_url: { url: `data:image/png;base64,${png.toString('base64')}` } },
            ],
          },
        ],
      })
      .withResponse();
    const { root, childrenOf } = await traceOf(response.headers.get('x-request-id')!, 4);
    const upload = childrenOf(root).find((span) => span.name === 'qwen upload');
    expect(upload).toMatchObject({
      kind: clientKind,
      attributes: expect.objectContaining({ 'gen_ai.provider.name': 'qwen-web', 'qwen_proxy.upload.media_type': 'image/png', 'qwen_proxy.upload.bytes': png.length }),
    });
    expect(upload!.statusCode).not.toBe(errorStatus);
  });

  it('flushes the spans still batched on a graceful stop (SIGTERM), and sent JSON to <endpoint>/v1/traces only', async () => {
    const { response } = await proxyClient.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Last one' }] }).withResponse();
    const requestId = response.headers.get('x-request-id')!;
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe('0');
    // Gone before its batch was due: only the shutdown's flush can have sent it.
    expect(receiver.spans.some((span) => span.attributes['qwen_proxy.request_id'] === requestId)).toBe(true);
    expect(receiver.requests.length).toBeGreaterThan(0);
    expect(receiver.requests.every((request) => request.method === 'POST' && request.path === '/v1/traces' && request.contentType?.startsWith('application/json'))).toBe(true);
  });
});
