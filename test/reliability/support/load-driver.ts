import { type ChatExchange, exchangeChat, fullyReceived } from './chat-exchange';

export interface LoadOptions {
  baseUrls: string[];
  clients: number;
  durationMs: number;
  /** Each request's model, by the base URL it goes to. */
  modelFor(baseUrl: string): string;
  deadlineMs?: number;
}

export interface LoadResult {
  exchanges: (ChatExchange & { baseUrl: string; stream: boolean })[];
  /** Requests per second over the run. */
  rate: number;
}

/**
 * `clients` concurrent clients, each sending one request after the other (every other one
 * streaming) to the base URLs in turn, until `durationMs` has passed or `stop` is aborted.
 */
export async function driveLoad(options: LoadOptions, stop?: AbortSignal): Promise<LoadResult> {
  const exchanges: LoadResult['exchanges'] = [];
  const started = Date.now();
  const until = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.clients }, async (_unused, client) => {
      for (let turn = 0; Date.now() < until && !stop?.aborted; turn += 1) {
        const baseUrl = options.baseUrls[(client + turn) % options.baseUrls.length]!;
        const stream = (client + turn) % 2 === 0;
        const exchange = await exchangeChat(
          baseUrl,
          // Distinct content, so that every request is a new conversation and none waits for another.
          { model: options.modelFor(baseUrl), stream, messages: [{ role: 'user', content: `client ${client} turn ${turn}` }] },
          { deadlineMs: options.deadlineMs ?? 30_000 },
        );
        exchanges.push({ ...exchange, baseUrl, stream });
      }
    }),
  );
  return { exchanges, rate: exchanges.length / ((Date.now() - started) / 1000) };
}

export { fullyReceived };
