import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeQwen, startFakeQwen } from '../fakes/qwen';
import { eventually } from '../fakes/qwen/spec-support/eventually';
import { type AppProcess, appProcessEnvironment, killIfRunning, startAppProcess } from './support/app-process';
import { rawRequest } from './support/raw-http';

const answerBytes = 32 * 1024 * 1024;
const pieceText = 'x'.repeat(16 * 1024);
const piece = `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'big-model', choices: [{ index: 0, delta: { content: pieceText } }] })}\n\n`;
const pieces = Math.ceil(answerBytes / pieceText.length);

/**
 * A client that reads nothing must not make the gateway drain and hold the whole upstream
 * answer (a 200 MB answer took RSS to 1.1 GB): backpressure reaches the upstream socket, so the
 * upstream can only write what the sockets in between hold. Then the client reads, and gets it all.
 */
describe('backpressure: a client that reads nothing', () => {
  let fake: FakeQwen;
  let dataDirectory: string;
  let app: AppProcess | undefined;
  let upstream: Server;
  let written = 0;

  beforeAll(async () => {
    upstream = createServer((request, response) => {
      request.resume();
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      let sent = 0;
      const pump = () => {
        while (sent < pieces && !response.destroyed) {
          sent += 1;
          written += piece.length;
          if (!response.write(piece)) return void response.once('drain', pump);
        }
        if (!response.destroyed) response.end('data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"big-model","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n');
      };
      pump();
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    fake = await startFakeQwen({ chunkIntervalMs: 0 });
    dataDirectory = mkdtempSync(join(tmpdir(), 'qwen-proxy-backpressure-'));
    app = await startAppProcess({ ...appProcessEnvironment(fake, dataDirectory, 'error'), LOG_BODIES: 'false' });
    const created = await rawRequest(`${app.controlUrl}/api/providers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminToken}` },
      body: JSON.stringify({ name: 'Big', type: 'openai-compatible', baseUrl: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`, models: ['big-model'] }),
    });
    expect(created.status).toBe(201);
  }, 90_000);
  afterAll(async () => {
    await killIfRunning(app);
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
    await fake.close();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('stops reading the upstream while the client reads nothing, then delivers the whole answer', async () => {
    const { port } = new URL(app!.routerUrl);
    const socket = connect(Number(port), '127.0.0.1');
    const body = JSON.stringify({ model: 'big-model', stream: true, messages: [{ role: 'user', content: 'Everything, please' }] });
    socket.write(`POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nauthorization: Bearer sk-slow\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    socket.pause();

    // The upstream writes until the sockets in between are full, then stalls.
    let last = -1;
    let steadySince = Date.now();
    await eventually(() => {
      if (written !== last) {
        last = written;
        steadySince = Date.now();
      }
      return written > 0 && Date.now() - steadySince > 1_500;
    }, 30_000);
    // What the sockets and buffers in between hold: about 7 MB on loopback, never the whole answer.
    expect(written).toBeLessThan(answerBytes / 2);

    let received = 0;
    let tail = '';
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      tail = (tail + chunk.toString('latin1')).slice(-200);
    });
    socket.resume();
    await ended;
    expect(written).toBeGreaterThanOrEqual(answerBytes);
    expect(received).toBeGreaterThan(answerBytes);
    expect(tail).toContain('data: [DONE]');
  }, 120_000);
});
