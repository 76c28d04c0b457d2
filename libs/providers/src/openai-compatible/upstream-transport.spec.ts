import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MockAgent } from 'undici';
import { BadGatewayError, GatewayTimeoutError } from '@qwen-proxy/contracts';
import { UpstreamTransport, type UpstreamTransportOptions } from './upstream-transport';

interface Received {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe(UpstreamTransport.name, () => {
  let server: Server;
  let baseUrl: string;
  let received: Received[];
  let answer: (response: ServerResponse) => void;
  const transports: UpstreamTransport[] = [];

  beforeEach(async () => {
    received = [];
    answer = (response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push({ method: request.method, url: request.url, headers: request.headers, body });
        answer(response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });

  afterEach(async () => {
    await Promise.all(transports.splice(0).map((transport) => transport.close()));
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  function transportOf(options: Partial<UpstreamTransportOptions> & { baseUrl?: string } = {}): UpstreamTransport {
    const transport = new UpstreamTransport({
      identity: { providerId: 'p', providerName: 'Upstream', baseUrl: options.baseUrl ?? baseUrl },
      timeouts: { connectMs: 1000, firstByteMs: 1000, totalMs: 2000 },
      ...options,
    });
    transports.push(transport);
    return transport;
  }

  it('joins the path to the base URL, keeping its query, and sends JSON', async () => {
    const transport = transportOf({ baseUrl: `${baseUrl}/?api-version=2024-10-21` });
    const exchange = await transport.send({ method: 'POST', path: '/chat/completions', body: { model: 'm' }, accept: 'text/event-stream', firstByteTimeout: true });
    await expect(exchange.text(1000)).resolves.toBe('{"ok":true}');
    exchange.close();
    expect(received[0]).toMatchObject({
      method: 'POST',
      url: '/v1/chat/completions?api-version=2024-10-21',
      headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
      body: '{"model":"m"}',
    });
  });

  it('sends the key as a bearer token, and extra headers over ours, lower-cased', async () => {
    const transport = transportOf({ apiKey: ' sk-key \n', headers: { 'X-Title': 'Qwen Proxy', Accept: 'application/x-custom' } });
    const exchange = await transport.send({ method: 'GET', path: '/models', accept: 'application/json', firstByteTimeout: true });
    exchange.close();
    expect(received[0].headers).toMatchObject({ authorization: 'Bearer sk-key', 'x-title': 'Qwen Proxy', accept: 'application/x-custom' });
    expect(received[0].headers).not.toHaveProperty('content-type');
  });

  it('sends no authorization without a key', async () => {
    (await transportOf().send({ method: 'GET', path: '/models', accept: 'application/json', firstByteTimeout: true })).close();
    expect(received[0].headers).not.toHaveProperty('authorization');
  });

  it('times out before the headers, naming the timeout', async () => {
    answer = () => undefined;
    const transport = transportOf({ timeouts: { connectMs: 1000, firstByteMs: 100, totalMs: 2000 } });
    const failure = await transport.send({ method: 'GET', path: '/models', accept: 'application/json', firstByteTimeout: true }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GatewayTimeoutError);
    expect(failure).toMatchObject({ details: { timeout: 'first-byte', timeoutMs: 100 } });
  });

  it('times out in the body once headers came but no byte followed', async () => {
    answer = (response) => response.writeHead(200, { 'content-type': 'text/event-stream' }).flushHeaders();
    const transport = transportOf({ timeouts: { connectMs: 1000, firstByteMs: 100, totalMs: 2000 } });
    const exchange = await transport.send({ method: 'POST', path: '/chat/completions', body: {}, accept: 'text/event-stream', firstByteTimeout: true });
    const failure = await (async () => {
      for await (const chunk of exchange.chunks()) void chunk;
    })().catch((error: unknown) => error);
    exchange.close();
    expect(failure).toBeInstanceOf(GatewayTimeoutError);
    expect(exchange.expiredTimeout).toBe('first-byte');
  });

  it('stops counting toward first byte once a byte arrives', async () => {
    answer = (response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(': ping\n\n');
      setTimeout(() => response.end('data: [DONE]\n\n'), 200);
    };
    const transport = transportOf({ timeouts: { connectMs: 1000, firstByteMs: 100, totalMs: 2000 } });
    const exchange = await transport.send({ method: 'POST', path: '/chat/completions', body: {}, accept: 'text/event-stream', firstByteTimeout: true });
    let text = '';
    for await (const chunk of exchange.chunks()) text += Buffer.from(chunk).toString('utf8');
    exchange.close();
    expect(text).toBe(': ping\n\ndata: [DONE]\n\n');
  });

  it('classifies a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const failure = await transportOf({ baseUrl: `http://127.0.0.1:${port}/v1` })
      .send({ method: 'GET', path: '/models', accept: 'application/json', firstByteTimeout: true })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BadGatewayError);
    expect(failure).toMatchObject({ code: 'upstream_unreachable', retryable: true, details: { networkError: 'ECONNREFUSED' } });
  });

  it('uses a dispatcher handed in, and leaves closing it to its owner', async () => {
    const mockAgent = new MockAgent();
    mockAgent.disableNetConnect();
    mockAgent.get('https://upstream.example').intercept({ path: '/api/v1/models', method: 'GET' }).reply(200, { data: [] }, { headers: { 'content-type': 'application/json' } });
    const transport = transportOf({ baseUrl: 'https://upstream.example/api/v1', dispatcher: mockAgent });
    const exchange = await transport.send({ method: 'GET', path: '/models', accept: 'application/json', firstByteTimeout: true });
    await expect(exchange.text(1000)).resolves.toBe('{"data":[]}');
    exchange.close();
    await transport.close();
    // Still usable: the transport did not close it.
    mockAgent.get('https://upstream.example').intercept({ path: '/again', method: 'GET' }).reply(204, '');
    await expect(mockAgent.request({ origin: 'https://upstream.example', path: '/again', method: 'GET' })).resolves.toMatchObject({ statusCode: 204 });
    await mockAgent.close();
  });

  it('rejects at once when the caller has already given up', async () => {
    const controller = new AbortController();
    controller.abort();
    const failure = await transportOf()
      .send({ method: 'GET', path: '/models', accept: 'application/json', firstByteTimeout: true, signal: controller.signal })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BadGatewayError);
    expect(received).toHaveLength(0);
  });
});
