import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { playBehaviour, sendJson, sendStatus } from './answer.player';
import { base64OfVector, embeddingInputTokens, embeddingVector } from './embedding.vectors';
import { type ValidEmbeddingRequest, validateEmbeddingRequest } from './embedding.validation';
import { BehaviourScript, type FakeEmbeddingBehaviour, type FakeOpenAiBehaviour } from './fake-openai.behaviour';
import { errorForStatus, invalidUrl, missingParameter, modelNotFound, type OpenAiErrorReply, unparsableJson } from './openai-error.replies';
import type { RecordedRequest } from './recorded-request';
import { checkApiKey, type ValidChatRequest, validateChatRequest } from './request.validation';

export interface FakeOpenAiOptions {
  /** Default: any free port. */
  port?: number;
  /** Default: `fake-openai`. Named so that several fakes in one test can be told apart. */
  name?: string;
  /** The models it serves and lists. Default: `['gpt-4o-mini']`. */
  models?: string[];
  /** When set, every request must carry `Authorization: Bearer <this>`. */
  requireApiKey?: string;
  /** The models `POST /v1/images/generations` draws with. Default: none (every model is refused). */
  imageModels?: string[];
  /** When set, every image request answers this HTTP status in OpenAI's error shape (a failing upstream, for fallback). */
  failImagesWith?: number;
}

/** A running fake OpenAI-compatible upstream. */
export interface FakeOpenAi {
  /** The base URL, ending in `/v1`, as OpenAI clients take it. */
  readonly url: string;
  readonly name: string;
  /** Every request received, in order, validation failures included. */
  readonly requests: readonly RecordedRequest[];
  /** Behaviours for the next chat completion requests, one each, in order. */
  script(...behaviours: FakeOpenAiBehaviour[]): void;
  /** What answers once the script is used up. */
  setDefault(behaviour: FakeOpenAiBehaviour): void;
  /** Behaviours for the next embeddings requests, one each, in order; then vectors again. */
  scriptEmbeddings(...behaviours: FakeEmbeddingBehaviour[]): void;
  /** Chat completion responses still being written (hanging ones included). */
  readonly openStreams: number;
  /** Chat completion responses the client gave up on before they were complete. */
  readonly aborted: number;
  close(): Promise<void>;
}

/**
 * A scriptable OpenAI-compatible server on loopback (plain `node:http`): `POST
 * /v1/chat/completions` streamed or not, `POST /v1/embeddings` (deterministic vectors, see
 * `embeddingVector`), `POST /v1/images/generations`, `GET /v1/models` and `/v1/models/{id}`. It validates
 * what a real OpenAI server rejects first, in OpenAI's error shape and words, so that a client
 * that works against it sends what OpenAI would accept.
 */
export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const name = options.name ?? 'fake-openai';
  const models = options.models ?? ['gpt-4o-mini'];
  const script = new BehaviourScript();
  const embeddingScript: FakeEmbeddingBehaviour[] = [];
  const requests: RecordedRequest[] = [];
  const closing = new AbortController();
  let openStreams = 0;
  let aborted = 0;

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? '/', 'http://fake.invalid');
    const method = incoming.method ?? 'GET';
    const rawBody = await readBody(incoming);
    requests.push({ method, path: url.pathname, headers: incoming.headers, body: parseBody(rawBody), time: new Date() });

    const route = routeOf(method, url.pathname);
    if (!route) return sendError(response, invalidUrl(method, url.pathname));
    const keyFailure = checkApiKey(incoming.headers.authorization, options.requireApiKey);
    if (keyFailure) return sendError(response, keyFailure);

    switch (route.kind) {
      case 'list-models':
        return sendJson(response, 200, { object: 'list', data: models.map((model) => modelObject(model, name)) });
      case 'show-model':
        return models.includes(route.model) ? sendJson(response, 200, modelObject(route.model, name)) : sendError(response, modelNotFound(route.model));
      case 'images':
        return answerImages(rawBody, response);
      case 'chat': {
        const validation = validateChatRequest(rawBody, models);
        if (!validation.ok) return sendError(response, validation.reply);
        return answerChat(validation.value, response);
      }
      case 'embeddings': {
        const validation = validateEmbeddingRequest(rawBody, models);
        if (!validation.ok) return sendError(response, validation.reply);
        return answerEmbeddings(validation.value, embeddingScript.shift() ?? { kind: 'embed' }, response);
      }
    }
  }

  async function answerEmbeddings(request: ValidEmbeddingRequest, behaviour: FakeEmbeddingBehaviour, response: ServerResponse): Promise<void> {
    switch (behaviour.kind) {
      case 'status':
        return sendStatus(response, behaviour);
      case 'hang':
        // Until the client gives up or the fake closes.
        return new Promise<void>((resolve) => {
          response.once('close', () => resolve());
          closing.signal.addEventListener('abort', () => resolve(), { once: true });
        });
      case 'embed': {
        const data = request.inputs.map((input, index) => {
          const vector = embeddingVector(input, request.dimensions);
          return { object: 'embedding', index, embedding: request.encodingFormat === 'base64' ? base64OfVector(vector) : vector };
        });
        const promptTokens = request.inputs.reduce((sum, input) => sum + embeddingInputTokens(input), 0);
        return sendJson(response, 200, {
          object: 'list',
          data,
          model: request.model,
          ...(behaviour.omitUsage ? {} : { usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } }),
        });
      }
    }
  }

  /** OpenAI's image answer: one image per `n`, as a URL on an example host or a tiny PNG in base64. */
  function answerImages(rawBody: string, response: ServerResponse): void {
    if (options.failImagesWith) return sendJson(response, options.failImagesWith, errorForStatus(options.failImagesWith));
    const body = parseBody(rawBody);
    if (typeof body !== 'object' || body === null) return sendError(response, unparsableJson());
    const { model, prompt, n, response_format: format } = body as Record<string, unknown>;
    if (typeof prompt !== 'string') return sendError(response, missingParameter('prompt'));
    if (typeof model !== 'string' || !(options.imageModels ?? []).includes(model)) return sendError(response, modelNotFound(String(model)));
    const count = typeof n === 'number' ? n : 1;
    const data = Array.from({ length: count }, (_, index) =>
      format === 'b64_json' ? { b64_json: TINY_PNG_BASE64, revised_prompt: `${prompt} (${name})` } : { url: `https://images.example/${name}/${index}.png`, revised_prompt: `${prompt} (${name})` },
    );
    sendJson(response, 200, { created: 1_700_000_000, data });
  }

  async function answerChat(request: ValidChatRequest, response: ServerResponse): Promise<void> {
    const behaviour = script.next();
    const stop = new AbortController();
    const onClosing = () => stop.abort();
    closing.signal.addEventListener('abort', onClosing, { once: true });
    let cutByFake = false;
    openStreams += 1;
    response.on('close', () => {
      openStreams -= 1;
      closing.signal.removeEventListener('abort', onClosing);
      if (!response.writableFinished && !cutByFake && !closing.signal.aborted) aborted += 1;
      stop.abort();
    });
    await playBehaviour(behaviour, {
      request,
      response,
      signal: stop.signal,
      markCut: () => {
        cutByFake = true;
      },
    });
  }

  const server: Server = createServer((incoming, response) => {
    handle(incoming, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: { message: `Fake failure: ${String(error)}`, type: 'server_error', param: null, code: null } });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    name,
    requests,
    script: (...behaviours) => script.add(behaviours),
    setDefault: (behaviour) => script.setDefault(behaviour),
    scriptEmbeddings: (...behaviours) => void embeddingScript.push(...behaviours),
    get openStreams() {
      return openStreams;
    },
    get aborted() {
      return aborted;
    },
    close: async () => {
      closing.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// A 1×1 PNG, for `b64_json` image answers.
const TINY_PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

type Route = { kind: 'chat' } | { kind: 'embeddings' } | { kind: 'images' } | { kind: 'list-models' } | { kind: 'show-model'; model: string };

/** Paths are exact, as on OpenAI: anything else is an "Invalid URL" 404. */
function routeOf(method: string, path: string): Route | undefined {
  if (method === 'POST' && path === '/v1/chat/completions') return { kind: 'chat' };
  if (method === 'POST' && path === '/v1/embeddings') return { kind: 'embeddings' };
  if (method === 'POST' && path === '/v1/images/generations') return { kind: 'images' };
  if (method === 'GET' && path === '/v1/models') return { kind: 'list-models' };
  const model = /^\/v1\/models\/(.+)$/.exec(path)?.[1];
  if (method === 'GET' && model) return { kind: 'show-model', model: decodeURIComponent(model) };
  return undefined;
}

function modelObject(id: string, owner: string) {
  return { id, object: 'model', created: 1_700_000_000, owned_by: owner };
}

function sendError(response: ServerResponse, reply: OpenAiErrorReply): void {
  sendJson(response, reply.status, reply.body);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
