import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { defaultMockAnswer, type MockAnswer, parseMockAnswer } from './mock-answer';
import { readBody } from './http-helpers';
import { createOpenAiCompatibleMock } from './openai-compatible.mock';
import { createQwenWebMock } from './qwen-web.mock';

/**
 * Both mock upstreams in one child process of the harness, so they never share an event loop
 * with the load generator. Prints one JSON line with their ports, then serves until killed.
 * `POST /__bench/answer` on either port sets the answer both give.
 */
let answer: MockAnswer = defaultMockAnswer;

function withAnswerControl(server: Server): Server {
  const [handler] = server.listeners('request') as ((...parts: unknown[]) => void)[];
  server.removeAllListeners('request');
  server.on('request', (request, response) => {
    if (request.method === 'POST' && request.url === '/__bench/answer') {
      void readBody(request).then((body) => {
        answer = parseMockAnswer(JSON.parse(body || '{}'));
        response.writeHead(204).end();
      });
      return;
    }
    handler(request, response);
  });
  // Thousands of open streams from one client: keep sockets around as long as the run needs.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  server.maxConnections = 100_000;
  return server;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

async function main(): Promise<void> {
  const qwenPort = await listen(withAnswerControl(createQwenWebMock(() => answer)));
  const openAiPort = await listen(withAnswerControl(createOpenAiCompatibleMock(() => answer)));
  process.stdout.write(`${JSON.stringify({ qwenPort, openAiPort })}\n`);
}

void main();
