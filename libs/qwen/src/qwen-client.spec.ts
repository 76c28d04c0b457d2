import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { AuthenticationError, FlowControl, RateLimitError, type GatewayError } from '@qwen-proxy/contracts';
import { QwenClient, type CompletionParameters } from './qwen-client';
import type { QwenClientOptions } from './qwen-client-options';
import type { QwenCredentials } from './qwen-credentials';
import type { QwenEvent } from './qwen-event';

/** What the fake upstream saw of one request. */
interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Resolves when the client's socket closes. */
  closed: Promise<void>;
}

type Handler = (request: ReceivedRequest, response: ServerResponse) => unknown;

const credentials: QwenCredentials = {
  token: 'header.payload.signature',
  cookies: 'acw_tc=waf-cookie; token=stale.jwt.value; ssxmod_itna=anti-bot',
  bxUa: 'captured-fingerprint',
  bxUmidtoken: 'captured-umid',
};

const completion: CompletionParameters = {
  chatId: 'chat-42',
  model: 'qwen3-max',
  parentId: 'response-41',
  content: 'Say hello',
};

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
const answerFrame = (content: string, status = 'typing') =>
  `data: {"choices": [{"delta": {"content": "${content}", "phase": "answer", "status": "${status}"}}]}\n\n`;

describe(QwenClient.name, () => {
  let server: Server;
  let baseUrl: string;
  let handler: Handler;
  let received: ReceivedRequest[];
  let clients: QwenClient[];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      const closed = new Promise<void>((resolve) => request.socket.once('close', () => resolve()));
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const entry = {
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          closed,
        };
        received.push(entry);
        void handler(entry, response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    received = [];
    clients = [];
    handler = (_request, response) => response.writeHead(500).end();
  });

  afterEach(async () => {
    await Promise.all(clients.map((client) => client.close()));
    server.closeAllConnections();
  });

  function makeClient(options: Partial<QwenClientOptions> = {}): QwenClient {
    // A configured version keeps these specs to one request each; discovery has its own spec.
    const client = new QwenClient({ baseUrl, webVersionHeader: '0.3.12', ...options });
    clients.push(client);
    return client;
  }

  function sendJson(response: ServerResponse, body: unknown, status = 200): void {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  function collect(client: QwenClient, parameters: CompletionParameters = completion): Promise<QwenEvent[]> {
    return lastValueFrom(client.streamCompletion(credentials, parameters).pipe(toArray()));
  }

  function lastError(events: QwenEvent[]): GatewayError {
    const last = events.at(-1);
    if (last?.type !== 'error') throw new Error(`expected an error event last, got ${JSON.stringify(events)}`);
    return last.error;
  }

  describe('createChat', () => {
    it('posts the web UI body and headers and returns the new chat id', async () => {
      handler = (_request, response) =>
        sendJson(response, { success: true, request_id: 'r', data: { id: 'chat-new' } });
      const before = Date.now();

      await expect(makeClient().createChat(credentials, { model: 'qwen3-max', chatType: 'search' })).resolves.toEqual({
        chatId: 'chat-new',
      });

      const [request] = received;
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/api/v2/chats/new');
      expect(request.headers).toMatchObject({
        authorization: 'Bearer header.payload.signature',
        cookie: 'acw_tc=waf-cookie; token=header.payload.signature; ssxmod_itna=anti-bot',
        referer: `${baseUrl}/c/new-chat`,
        origin: baseUrl,
        source: 'web',
        'bx-v': '2.5.36',
        'bx-ua': 'captured-fingerprint',
        'bx-umidtoken': 'captured-umid',
        'content-type': 'application/json',
      });
      expect(request.headers['x-request-id']).toMatch(uuidV4);
      expect(request.headers['x-accel-buffering']).toBeUndefined();
      expect(request.headers.version).toBe('0.3.12');
      const body = JSON.parse(request.body);
      expect(body).toMatchObject({ models: ['qwen3-max'], chat_type: 'search', chat_mode: 'normal', project_id: '' });
      expect(body.timestamp).toBeGreaterThanOrEqual(before);
      expect(body.timestamp).toBeLessThanOrEqual(Date.now());
    });

    it('sends a fresh request id on every call', async () => {
      handler = (_request, response) => sendJson(response, { success: true, data: { id: 'c' } });
      const client = makeClient();
      await client.createChat(credentials, { model: 'm' });
      await client.createChat(credentials, { model: 'm' });
      expect(received[0].headers['x-request-id']).not.toBe(received[1].headers['x-request-id']);
    });

    it('rejects with the classified error of an HTTP 200 success:false answer', async () => {
      handler = (_request, response) =>
        sendJson(response, { success: false, data: { code: 'RateLimited', details: 'limit', num: 4 } });
      const failure = makeClient().createChat(credentials, { model: 'm' });
      await expect(failure).rejects.toBeInstanceOf(RateLimitError);
      await expect(failure).rejects.toMatchObject({ code: 'qwen_daily_limit', retryAfterSeconds: 4 * 3600 });
    });

    it('rejects when Qwen answers without a chat id', async () => {
      handler = (_request, response) => sendJson(response, { success: true, data: {} });
      await expect(makeClient().createChat(credentials, { model: 'm' })).rejects.toMatchObject({
        code: 'qwen_unexpected_response',
      });
    });

    it('rejects with qwen_unreachable, naming the base URL, when nothing listens', async () => {
      const closedPort = await unusedPort();
      const failure = makeClient({ baseUrl: `http://127.0.0.1:${closedPort}` }).createChat(credentials, { model: 'm' });
      await expect(failure).rejects.toMatchObject({ code: 'qwen_unreachable', retryable: true });
      await expect(failure).rejects.toThrow(`127.0.0.1:${closedPort}`);
    });
  });

  describe('streamCompletion', () => {
    it('sends the completion request the web UI sends', async () => {
      handler = (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(fixture('thinking-answer.sse'));
      };

      await collect(makeClient({ webVersionHeader: '0.0.230' }), { ...completion, thinking: { enabled: true } });

      const [request] = received;
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/api/v2/chat/completions?chat_id=chat-42');
      expect(request.headers).toMatchObject({
        accept: 'application/json',
        referer: `${baseUrl}/c/chat-42`,
        'x-accel-buffering': 'no',
        version: '0.0.230',
        authorization: 'Bearer header.payload.signature',
      });
      const body = JSON.parse(request.body);
      expect(body).toMatchObject({
        stream: true,
        incremental_output: true,
        version: '2.1',
        chat_id: 'chat-42',
        parent_id: 'response-41',
        model: 'qwen3-max',
      });
      expect(body.messages).toHaveLength(1);
      expect(body.messages[0]).toMatchObject({
        role: 'user',
        content: 'Say hello',
        parentId: 'response-41',
        parent_id: 'response-41',
        feature_config: { thinking_enabled: true, output_schema: 'phase', thinking_format: 'summary' },
      });
      expect(body.messages[0].fid).toMatch(uuidV4);
      expect(Math.abs(body.timestamp - Date.now() / 1000)).toBeLessThan(5);
    });

    it('parses a stream written in odd byte splits with pauses', async () => {
      const bytes = fixture('thinking-answer.sse');
      handler = async (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
        // Prime-sized pieces cut through UTF-8 characters, CR-less line ends and JSON alike.
        for (let offset = 0; offset < bytes.length; offset += 97) {
          response.write(bytes.subarray(offset, offset + 97));
          await sleep(2);
        }
        response.end();
      };

      const events = await collect(makeClient());

      expect(events).toEqual([
        {
          type: 'response-created',
          chatId: '5b0c8f52-6d1e-4c8e-9f0a-2b7d3c1e9a01',
          parentId: '0e6f1c7a-7f3b-4e0d-8d52-4a1b9c2d3e41',
          responseId: '9d2a4b6c-1e3f-4a5b-8c7d-6e5f4a3b2c10',
        },
        { type: 'reasoning-delta', text: 'The user says hello' },
        { type: 'reasoning-delta', text: ' in Chinese.' },
        { type: 'reasoning-delta', text: '\n\nAnswer warmly.' },
        { type: 'text-delta', text: '你好' },
        { type: 'text-delta', text: '！很高兴见到你 👋' },
        { type: 'usage', usage: { inputTokens: 12, outputTokens: 30, totalTokens: 42, reasoningTokens: 18 } },
        { type: 'finish', reason: 'stop', truncated: false },
      ]);
    });

    it('emits each event as its frame arrives, not when the stream ends', async () => {
      let releaseRest!: () => void;
      const restReleased = new Promise<void>((resolve) => (releaseRest = resolve));
      handler = async (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(answerFrame('first'));
        await restReleased;
        response.end(answerFrame('', 'finished'));
      };
      const events: QwenEvent[] = [];
      let firstArrived!: () => void;
      const firstEvent = new Promise<void>((resolve) => (firstArrived = resolve));

      const done = new Promise<void>((resolve) =>
        makeClient()
          .streamCompletion(credentials, completion)
          .subscribe({
            next: (event) => {
              events.push(event);
              firstArrived();
            },
            complete: resolve,
          }),
      );

      // The server holds the rest back until the first event has reached the consumer.
      await firstEvent;
      expect(events).toEqual([{ type: 'text-delta', text: 'first' }]);
      releaseRest();
      await done;
      expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop', truncated: false });
      expect(received).toHaveLength(1);
    });

    it('is cold: nothing is sent before subscription', async () => {
      handler = (_request, response) => response.writeHead(200, { 'content-type': 'text/event-stream' }).end();
      const stream = makeClient().streamCompletion(credentials, completion);
      await sleep(50);
      expect(received).toHaveLength(0);
      await lastValueFrom(stream.pipe(toArray()));
      expect(received).toHaveLength(1);
    });

    it('delivers what arrived as truncated when the connection closes without the final frame', async () => {
      handler = (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(answerFrame('Half an ans'));
      };
      expect(await collect(makeClient())).toEqual([
        { type: 'text-delta', text: 'Half an ans' },
        { type: 'finish', reason: 'stop', truncated: true },
      ]);
    });

    it('delivers what arrived as truncated when the upstream dies mid-answer', async () => {
      handler = async (request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(answerFrame('Half'));
        await sleep(20);
        response.socket?.destroy();
      };
      expect((await collect(makeClient())).at(-1)).toEqual({ type: 'finish', reason: 'stop', truncated: true });
    });

    it('fails the stream with upstream_event_too_large on a line over sseMaxLineBytes, text or not', async () => {
      handler = (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(answerFrame('Hello'));
        response.write('data: {"never":"');
        const piece = 'a'.repeat(16 * 1024);
        const pump = () => {
          while (!response.destroyed && response.write(piece));
          if (!response.destroyed) response.once('drain', pump);
        };
        pump();
      };
      const events = await collect(makeClient({ sseMaxLineBytes: 256 * 1024 }));
      expect(events[0]).toEqual({ type: 'text-delta', text: 'Hello' });
      expect(lastError(events)).toMatchObject({ status: 502, code: 'upstream_event_too_large', retryable: true });
    });

    it('stops reading the answer while its flow is paused, and reads on once resumed', async () => {
      handler = async (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(answerFrame('One'));
        await sleep(50);
        response.write(answerFrame(' two'));
        response.end(answerFrame('', 'finished'));
      };
      const flow = new FlowControl();
      flow.pause();
      const events: QwenEvent[] = [];
      const done = new Promise<void>((resolve) => makeClient().streamCompletion(credentials, { ...completion, flow }).subscribe({ next: (event) => events.push(event), complete: resolve }));
      while (events.length === 0) await sleep(10);
      await sleep(300);
      // Paused: the rest of the answer waits on the socket, unread.
      expect(events).toEqual([{ type: 'text-delta', text: 'One' }]);
      flow.resume();
      await done;
      expect(events.map((event) => event.type)).toEqual(['text-delta', 'text-delta', 'finish']);
    });

    it('reports an empty stream as qwen_empty_stream', async () => {
      handler = (_request, response) => response.writeHead(200, { 'content-type': 'text/event-stream' }).end();
      expect(lastError(await collect(makeClient())).code).toBe('qwen_empty_stream');
    });

    it.each([
      [
        'a JSON failure instead of a stream',
        { 'content-type': 'application/json' },
        200,
        '{"success": false, "request_id": "r", "data": {"code": "Bad_Request", "details": "Internal error..."}}',
        'qwen_bad_request',
      ],
      [
        'a WAF page',
        { 'content-type': 'text/html; charset=utf-8' },
        200,
        '<html><script>window.aliyun_waf_aa = "x"</script></html>',
        'qwen_verification_required',
      ],
      ['an unexpected content type', { 'content-type': 'text/plain' }, 200, 'hello', 'qwen_unexpected_content_type'],
      ['an HTTP 502', { 'content-type': 'text/html' }, 502, '<h1>Bad Gateway</h1>', 'qwen_upstream_status'],
      ['an HTTP 401', { 'content-type': 'application/json' }, 401, '{"detail": "Not logged in"}', 'qwen_token_expired'],
    ])('reports %s as one error event, then completes', async (_label, headers, status, body, code) => {
      handler = (_request, response) => response.writeHead(status, headers).end(body);
      const events = await collect(makeClient());
      expect(events).toHaveLength(1);
      expect(lastError(events).code).toBe(code);
    });

    it('reports an error frame inside the stream', async () => {
      handler = (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end('data: {"error": {"code": "unauthorized", "details": "Token has expired."}}\n\n');
      };
      const error = lastError(await collect(makeClient()));
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error.credentialEffect).toBe('invalid');
    });

    it('aborts the upstream request when the consumer unsubscribes', async () => {
      let upstream!: ReceivedRequest;
      handler = (request, response) => {
        upstream = request;
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write('data: {"response.created": {"chat_id": "c", "parent_id": "p", "response_id": "r"}}\n\n');
        // …and never finishes on its own.
      };

      await firstValueFrom(makeClient().streamCompletion(credentials, completion));

      await expect(settlesWithin(upstream.closed, 2000)).resolves.toBe(true);
    });

    it('ends with a first-byte qwen_timeout when Qwen never answers, and lets the socket go', async () => {
      let upstream!: ReceivedRequest;
      handler = (request) => {
        upstream = request;
      };
      const started = Date.now();

      const error = lastError(await collect(makeClient({ firstByteTimeoutMs: 150 })));

      expect(error).toMatchObject({
        status: 504,
        code: 'qwen_timeout',
        retryable: true,
        details: { timeout: 'first-byte' },
      });
      expect(error.message).toMatch(/first-byte timeout/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
      await upstream.closed;
    });

    it('counts the first-byte wait until the first frame, not the headers', async () => {
      handler = (_request, response) => response.writeHead(200, { 'content-type': 'text/event-stream' }).flushHeaders();
      const error = lastError(await collect(makeClient({ firstByteTimeoutMs: 150 })));
      expect(error.details).toMatchObject({ timeout: 'first-byte' });
    });

    it('delivers an answer that arrived before Qwen went silent, flagged as truncated, not as a timeout (D9)', async () => {
      handler = (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        // Qwen keeps the connection open after an answer; here no final frame we know came.
        response.write(answerFrame('Hi'));
      };
      const events = await collect(makeClient({ idleTimeoutMs: 150 }));
      expect(events).toEqual([
        { type: 'text-delta', text: 'Hi' },
        { type: 'finish', reason: 'stop', truncated: true },
      ]);
    });

    it('ends with an idle qwen_timeout when Qwen goes silent while still thinking', async () => {
      handler = (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write('data: {"choices": [{"delta": {"content": "hm", "phase": "think", "status": "typing"}}]}\n\n');
      };
      const events = await collect(makeClient({ idleTimeoutMs: 150 }));
      expect(events[0]).toEqual({ type: 'reasoning-delta', text: 'hm' });
      expect(lastError(events)).toMatchObject({ code: 'qwen_timeout', details: { timeout: 'idle' } });
    });

    it('treats keep-alive frames as signs of life', async () => {
      handler = async (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        for (let beat = 0; beat < 4; beat += 1) {
          response.write('data: {"response.info": {"action": "keep_alive"}}\n\n');
          await sleep(60);
        }
        response.end(fixture('web-search.sse'));
      };
      const events = await collect(makeClient({ idleTimeoutMs: 150 }));
      expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop', truncated: false });
    });

    it("ends with request_aborted when the caller's signal fires", async () => {
      handler = (_request, response) => response.writeHead(200, { 'content-type': 'text/event-stream' }).flushHeaders();
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const events = await collect(makeClient(), { ...completion, signal: controller.signal });
      expect(lastError(events).code).toBe('request_aborted');
    });

    it('reports an unreachable Qwen as an error event', async () => {
      const events = await collect(makeClient({ baseUrl: `http://127.0.0.1:${await unusedPort()}` }));
      expect(lastError(events)).toMatchObject({ code: 'qwen_unreachable', retryable: true });
    });
  });

  describe('listModels', () => {
    it('reads /api/models without credentials', async () => {
      handler = (_request, response) => sendJson(response, { data: [{ id: 'qwen3-max', name: 'Qwen3-Max' }] });
      const models = await makeClient().listModels();
      expect(models.map((model) => model.id)).toEqual(['qwen3-max']);
      expect(received[0].url).toBe('/api/models');
      expect(received[0].headers.authorization).toBeUndefined();
    });

    it('falls back to /api/v2/models/ when /api/models is gone', async () => {
      handler = (request, response) =>
        request.url === '/api/models'
          ? sendJson(response, { detail: 'Not Found' }, 404)
          : sendJson(response, { success: true, data: { data: [{ id: 'qwen3.7-plus' }] } });
      const models = await makeClient().listModels(credentials);
      expect(received.map((request) => request.url)).toEqual(['/api/models', '/api/v2/models/']);
      expect(models.map((model) => model.id)).toEqual(['qwen3.7-plus']);
    });
  });

  describe('deleteChat', () => {
    it('deletes the chat, with the chat page as referer', async () => {
      handler = (_request, response) => sendJson(response, { success: true, data: { status: true } });
      await makeClient().deleteChat(credentials, 'chat-9');
      expect(received[0]).toMatchObject({ method: 'DELETE', url: '/api/v2/chats/chat-9' });
      expect(received[0].headers.referer).toBe(`${baseUrl}/c/chat-9`);
    });

    it('accepts an empty success', async () => {
      handler = (_request, response) => response.writeHead(204).end();
      await expect(makeClient().deleteChat(credentials, 'chat-9')).resolves.toBeUndefined();
    });
  });

  describe('checkToken', () => {
    it('reads the profile from /api/v1/auths/ (with the trailing slash)', async () => {
      handler = (_request, response) =>
        sendJson(response, { id: 'user-1', email: 'a@example.com', name: 'Ada', role: 'user', token: 'secret' });
      await expect(makeClient().checkToken(credentials)).resolves.toEqual({
        id: 'user-1',
        email: 'a@example.com',
        name: 'Ada',
      });
      expect(received[0]).toMatchObject({ method: 'GET', url: '/api/v1/auths/' });
    });

    it('retries once when a kept-alive socket turns out stale (reset before any byte), and only once', async () => {
      const client = makeClient();
      handler = (_request, response) => sendJson(response, { id: 'user-1' });
      await client.checkToken(credentials);
      // The server drops the idle socket's next request without answering, as after a long stall.
      let resets = 1;
      handler = (_request, response) => {
        if (resets-- > 0) return void response.socket?.destroy();
        sendJson(response, { id: 'user-1' });
      };
      await expect(client.checkToken(credentials)).resolves.toEqual({ id: 'user-1' });
      expect(received).toHaveLength(3);
      resets = 2;
      await expect(client.checkToken(credentials)).rejects.toMatchObject({ code: 'qwen_unreachable' });
    });

    it('rejects an expired login with qwen_token_expired', async () => {
      handler = (_request, response) => sendJson(response, { detail: 'Your session has expired' }, 401);
      await expect(makeClient().checkToken(credentials)).rejects.toMatchObject({
        code: 'qwen_token_expired',
        credentialEffect: 'invalid',
      });
    });
  });
});

/** True when the promise settles in time; the timer is cleared either way so Jest can exit. */
async function settlesWithin(promise: Promise<unknown>, milliseconds: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), milliseconds)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
