import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import type { GatewayError } from '@qwen-proxy/contracts';
import { QwenClient, type CompletionParameters } from './qwen-client';
import type { QwenClientOptions } from './qwen-client-options';
import type { QwenCredentials } from './qwen-credentials';
import type { QwenEvent } from './qwen-event';

/*
 * The request side of the late-2026 protocol (PROTOCOL.md): the front-end version (B1), the
 * chats/new `unauthorized` (B1), "The chat is in progress!" and stop (B5), the empty 200 (D10),
 * replayed with the fixture bytes of libs/qwen/src/fixtures/real.
 */

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
type Handler = (request: Seen, response: ServerResponse) => void;

const real = (name: string) => readFileSync(join(__dirname, 'fixtures', 'real', name), 'utf8');
const jwtWith = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
const validToken = jwtWith({ id: 'user-1', exp: Math.floor(Date.now() / 1000) + 3600 });
const credentialsWith = (token: string): QwenCredentials => ({ token, cookies: `acw_tc=a; token=${token}; ssxmod_itna=b` });
const credentials = credentialsWith(validToken);
const completion: CompletionParameters = { chatId: 'chat-1', model: 'qwen3.7-plus', parentId: null, content: 'Hi' };
const homepage = (version: string) =>
  `<!doctype html><html><head><script src="https://assets.example/g/qwenweb/qwen-chat-fe/${version}/js/main.js"></script></head></html>`;
const answerStream = [
  'data: {"response.created":{"chat_id":"chat-1","parent_id":"u1","response_id":"resp-1"}}\n\n',
  'data: {"choices": [{"delta": {"content": "Hello", "phase": "answer", "status": "typing"}}]}\n\n',
  'data: {"choices": [{"delta": {"content": "", "phase": "answer", "status": "finished"}}]}\n\n',
].join('');

describe('QwenClient, request side of late 2026', () => {
  let server: Server;
  let baseUrl: string;
  let handler: Handler;
  let seen: Seen[];
  let clients: QwenClient[];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const entry = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
        seen.push(entry);
        handler(entry, response);
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
    seen = [];
    clients = [];
  });
  afterEach(async () => {
    await Promise.all(clients.map((client) => client.close()));
    server.closeAllConnections();
  });

  function makeClient(options: Partial<QwenClientOptions> = {}): QwenClient {
    const client = new QwenClient({ baseUrl, chatInProgressRetryDelaysMs: [5, 10], ...options });
    clients.push(client);
    return client;
  }
  const json = (response: ServerResponse, text: string) => response.writeHead(200, { 'content-type': 'application/json' }).end(text);
  const stream = (response: ServerResponse) => response.writeHead(200, { 'content-type': 'text/event-stream' }).end(answerStream);
  const collect = (client: QwenClient, parameters = completion) => lastValueFrom(client.streamCompletion(credentials, parameters).pipe(toArray()));
  const completions = () => seen.filter((request) => request.url.startsWith('/api/v2/chat/completions?'));
  const homepageReads = () => seen.filter((request) => request.url === '/');
  const lastError = (events: QwenEvent[]): GatewayError => {
    const last = events.at(-1);
    if (last?.type !== 'error') throw new Error(`expected an error last, got ${JSON.stringify(events)}`);
    return last.error;
  };

  /** A service whose build is `current`: completions without it answer the OmniRoute fixture. */
  function serviceAt(state: { current: string }, extra: Partial<Record<string, Handler>> = {}): Handler {
    return (request, response) => {
      const path = request.url.split('?')[0]!;
      const custom = extra[path];
      if (custom) return custom(request, response);
      if (path === '/') return void response.writeHead(200, { 'content-type': 'text/html' }).end(homepage(state.current));
      if (path === '/api/v2/chat/completions') {
        if (request.headers.version !== state.current) return json(response, real('omniroute-pr5855-2026-07-01-completion-bad-request-no-version.json'));
        return stream(response);
      }
      response.writeHead(404).end('{"detail":"Not Found"}');
    };
  }

  describe('front-end version (B1)', () => {
    it('reads the version off the homepage, sends it on completions, and caches it', async () => {
      handler = serviceAt({ current: '0.3.12' });
      const client = makeClient();
      const first = await collect(client);
      const second = await collect(client);
      expect(first.at(-1)).toMatchObject({ type: 'finish' });
      expect(second.at(-1)).toMatchObject({ type: 'finish' });
      expect(completions().map((request) => request.headers.version)).toEqual(['0.3.12', '0.3.12']);
      expect(homepageReads()).toHaveLength(1);
    });

    it('reads the homepage again once the cache time is over', async () => {
      handler = serviceAt({ current: '0.3.12' });
      const client = makeClient({ webVersionCacheMs: 0 });
      await collect(client);
      await collect(client);
      expect(homepageReads()).toHaveLength(2);
    });

    it('on Bad_Request re-reads the version and retries once with the new one', async () => {
      const state = { current: '0.3.12' };
      handler = serviceAt(state);
      const client = makeClient();
      await collect(client);
      state.current = '0.3.20';
      const events = await collect(client);
      expect(events.at(-1)).toMatchObject({ type: 'finish' });
      expect(completions().map((request) => request.headers.version)).toEqual(['0.3.12', '0.3.12', '0.3.20']);
      // The failed attempt never reached the consumer.
      expect(events.filter((event) => event.type === 'error')).toHaveLength(0);
    });

    it('does not retry when the homepage still names the version that failed, and blames the version first', async () => {
      handler = serviceAt({ current: '0.3.12' }, { '/api/v2/chat/completions': (_request, response) => json(response, real('omniroute-pr5855-2026-07-01-completion-bad-request-no-version.json')) });
      const events = await collect(makeClient());
      expect(lastError(events)).toMatchObject({ code: 'qwen_bad_request' });
      expect(lastError(events).message).toMatch(/version/);
      expect(completions()).toHaveLength(1);
    });

    it('says the version is unknown when the homepage names none and the completion is refused', async () => {
      handler = serviceAt({ current: '0.3.12' }, { '/': (_request, response) => void response.writeHead(200, { 'content-type': 'text/html' }).end('<html>redesigned</html>') });
      const events = await collect(makeClient());
      expect(lastError(events)).toMatchObject({ code: 'qwen_web_version_unknown' });
      expect(lastError(events).message).toMatch(/QWEN_WEB_VERSION/);
      expect(completions()[0]!.headers.version).toBeUndefined();
    });

    it('sends a configured version as is and never reads the homepage', async () => {
      handler = serviceAt({ current: '0.3.12' });
      const events = await collect(makeClient({ webVersionHeader: '0.2.81' }));
      expect(lastError(events)).toMatchObject({ code: 'qwen_bad_request' });
      expect(homepageReads()).toHaveLength(0);
      expect(completions()).toHaveLength(1);
    });
  });

  describe('chats/new and unauthorized (B1)', () => {
    const created = '{"success":true,"request_id":"r","data":{"id":"chat-9"}}';
    const profile = real('omniroute-pr5855-2026-07-01-v1-auths-profile.json');

    it('retries a stale-version unauthorized with the fresh version', async () => {
      const state = { current: '0.3.12' };
      handler = serviceAt(state, {
        '/api/v2/chats/new': (request, response) =>
          json(response, request.headers.version === state.current ? created : real('silveriosg-2026-09-chats-new-stale-version-unauthorized.json')),
      });
      const client = makeClient();
      await client.webVersion.current();
      state.current = '0.3.20';
      await expect(client.createChat(credentials, { model: 'qwen3.7-plus' })).resolves.toEqual({ chatId: 'chat-9' });
      const creations = seen.filter((request) => request.url === '/api/v2/chats/new');
      expect(creations.map((request) => request.headers.version)).toEqual(['0.3.12', '0.3.20']);
    });

    it('retries without the header when the current version itself gives unauthorized (SilverioSG)', async () => {
      handler = serviceAt({ current: '0.3.12' }, {
        '/api/v2/chats/new': (request, response) =>
          json(response, request.headers.version ? real('silveriosg-2026-09-chats-new-stale-version-unauthorized.json') : created),
      });
      await expect(makeClient().createChat(credentials, { model: 'qwen3.7-plus' })).resolves.toEqual({ chatId: 'chat-9' });
      const creations = seen.filter((request) => request.url === '/api/v2/chats/new');
      expect(creations.map((request) => request.headers.version)).toEqual(['0.3.12', undefined]);
    });

    it('does not call a valid login expired: checks exp and /api/v1/auths/ first', async () => {
      handler = serviceAt({ current: '0.3.12' }, {
        '/api/v2/chats/new': (_request, response) => json(response, real('silveriosg-2026-09-chats-new-stale-version-unauthorized.json')),
        '/api/v1/auths/': (_request, response) => json(response, profile),
      });
      const error = await makeClient().createChat(credentials, { model: 'qwen3.7-plus' }).catch((caught: GatewayError) => caught);
      expect(error).toMatchObject({ code: 'qwen_chat_creation_refused', credentialEffect: undefined });
      expect(seen.some((request) => request.url === '/api/v1/auths/')).toBe(true);
    });

    it('calls it expired when the token profile refuses the token', async () => {
      handler = serviceAt({ current: '0.3.12' }, {
        '/api/v2/chats/new': (_request, response) => json(response, real('silveriosg-2026-09-chats-new-stale-version-unauthorized.json')),
        '/api/v1/auths/': (_request, response) => void response.writeHead(401, { 'content-type': 'application/json' }).end('{"detail":"Not authenticated"}'),
      });
      const error = await makeClient().createChat(credentials, { model: 'qwen3.7-plus' }).catch((caught: GatewayError) => caught);
      expect(error).toMatchObject({ code: 'qwen_token_expired', credentialEffect: 'invalid' });
    });

    it('calls it expired without asking when the JWT exp is past', async () => {
      handler = serviceAt({ current: '0.3.12' }, {
        '/api/v2/chats/new': (_request, response) => json(response, real('silveriosg-2026-09-chats-new-stale-version-unauthorized.json')),
      });
      const expired = credentialsWith(jwtWith({ id: 'user-1', exp: Math.floor(Date.now() / 1000) - 60 }));
      const error = await makeClient().createChat(expired, { model: 'qwen3.7-plus' }).catch((caught: GatewayError) => caught);
      expect(error).toMatchObject({ code: 'qwen_token_expired' });
      expect(seen.some((request) => request.url === '/api/v1/auths/')).toBe(false);
    });
  });

  describe('chat in progress and stop (B5)', () => {
    it.each([['staks-sor-ai-free-2026-08-chat-in-progress.json'], ['the pedrofariasx wording']])(
      'waits and retries in the same chat on %s',
      async (fixture) => {
        const inProgress = fixture.endsWith('.json')
          ? real(fixture)
          : JSON.stringify({ success: false, data: { code: 'Bad_Request', details: /Bad_Request: (.*)\.$/.exec(real('pedrofariasx-issue9-2026-05-17-chat-in-progress.txt').trim())![1] } });
        let calls = 0;
        handler = serviceAt({ current: '0.3.12' }, {
          '/api/v2/chat/completions': (_request, response) => ((calls += 1) === 1 ? json(response, inProgress) : stream(response)),
        });
        const events = await collect(makeClient());
        expect(events.at(-1)).toMatchObject({ type: 'finish' });
        expect(completions()).toHaveLength(2);
      },
    );

    it('reports qwen_chat_in_progress (not cookies) after the configured waits', async () => {
      handler = serviceAt({ current: '0.3.12' }, {
        '/api/v2/chat/completions': (_request, response) => json(response, real('staks-sor-ai-free-2026-08-chat-in-progress.json')),
      });
      const events = await collect(makeClient());
      expect(lastError(events)).toMatchObject({ code: 'qwen_chat_in_progress', retryable: true, credentialEffect: undefined });
      expect(lastError(events).message).not.toMatch(/cookie/i);
      expect(completions()).toHaveLength(3);
    });

    it('tells Qwen to stop the generation when the consumer hangs up', async () => {
      handler = serviceAt({ current: '0.3.12' }, {
        '/api/v2/chat/completions': (_request, response) => {
          response.writeHead(200, { 'content-type': 'text/event-stream' });
          response.write(answerStream.split('\n\n')[0] + '\n\n');
        },
        '/api/v2/chat/completions/stop': (_request, response) => json(response, '{"success":true,"data":{}}'),
      });
      const client = makeClient();
      await new Promise<void>((resolve) => {
        const subscription = client.streamCompletion(credentials, completion).subscribe((event) => {
          if (event.type === 'response-created') {
            subscription.unsubscribe();
            resolve();
          }
        });
      });
      await waitFor(() => seen.some((request) => request.url.startsWith('/api/v2/chat/completions/stop')));
      const stop = seen.find((request) => request.url.startsWith('/api/v2/chat/completions/stop'))!;
      expect(stop.method).toBe('POST');
      expect(stop.url).toBe('/api/v2/chat/completions/stop?chat_id=chat-1');
      expect(JSON.parse(stop.body)).toEqual({ chat_id: 'chat-1', response_id: 'resp-1' });
      expect(stop.headers.authorization).toBe(`Bearer ${validToken}`);
    });

    it('does not send a stop for a generation that finished', async () => {
      handler = serviceAt({ current: '0.3.12' });
      await collect(makeClient());
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(seen.some((request) => request.url.includes('/stop'))).toBe(false);
    });
  });

  describe('empty 200 (D10)', () => {
    it('retries an empty non-stream 200 once', async () => {
      let calls = 0;
      handler = serviceAt({ current: '0.3.12' }, {
        '/api/v2/chat/completions': (_request, response) => ((calls += 1) === 1 ? json(response, '') : stream(response)),
      });
      const events = await collect(makeClient());
      expect(events.at(-1)).toMatchObject({ type: 'finish' });
      expect(completions()).toHaveLength(2);
    });

    it('reports it after the second empty answer', async () => {
      handler = serviceAt({ current: '0.3.12' }, { '/api/v2/chat/completions': (_request, response) => json(response, '') });
      const events = await collect(makeClient());
      expect(lastError(events)).toMatchObject({ code: 'qwen_empty_response', retryable: true });
      expect(completions()).toHaveLength(2);
    });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
