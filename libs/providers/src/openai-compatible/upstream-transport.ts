import { Agent, type Dispatcher, request } from 'undici';
import type { GatewayError } from '@qwen-proxy/contracts';
import { RequestDeadlines, type TimeoutName } from './internal/request-deadlines';
import { type ReadableBody, readBodyText, type ResponseHeaders } from './internal/response-body';
import { type UpstreamIdentity, upstreamTimeoutError, upstreamTransportError } from './upstream-error.mapping';

/** How long to wait for an upstream, in milliseconds; 0 or less waits forever. */
export interface UpstreamTimeouts {
  /** Until the TCP (and TLS) connection is open. Enforced by our own dispatcher only. */
  connectMs: number;
  /** Until the first byte of the response body: the upstream has started answering. */
  firstByteMs: number;
  /** Until the last byte: the whole answer, however long it streams. */
  totalMs: number;
}

export interface UpstreamTransportOptions {
  identity: UpstreamIdentity;
  apiKey?: string;
  headers?: Record<string, string>;
  timeouts: UpstreamTimeouts;
  /** An undici dispatcher (a proxy agent, a mock); without one, an Agent of our own. */
  dispatcher?: Dispatcher;
}

export interface UpstreamCall {
  method: 'GET' | 'POST';
  /** Appended to the base URL's path: `/chat/completions`. */
  path: string;
  body?: unknown;
  accept: string;
  signal?: AbortSignal;
  /**
   * Whether the first-byte timeout applies. Not to a non-streamed answer: its first byte comes
   * when the whole answer is ready, which is the total timeout's business.
   */
  firstByteTimeout: boolean;
}

/**
 * HTTP to one OpenAI-compatible upstream: the URL, the headers, the timeouts, and failures
 * below HTTP turned into gateway errors. What the answer means is the caller's business.
 */
export class UpstreamTransport {
  private readonly dispatcher: Dispatcher;
  private readonly ownAgent?: Agent;

  constructor(private readonly options: UpstreamTransportOptions) {
    if (options.dispatcher) {
      this.dispatcher = options.dispatcher;
    } else {
      this.ownAgent = new Agent({ connect: { timeout: options.timeouts.connectMs > 0 ? options.timeouts.connectMs : 0 } });
      this.dispatcher = this.ownAgent;
    }
  }

  /** Sends the call and resolves once the status and headers are in; rejects with a GatewayError. */
  async send(call: UpstreamCall): Promise<UpstreamExchange> {
    const { timeouts, identity } = this.options;
    const controller = new AbortController();
    const abortFromCaller = () => controller.abort(call.signal?.reason);
    call.signal?.addEventListener('abort', abortFromCaller, { once: true });
    if (call.signal?.aborted) controller.abort(call.signal.reason);
    const deadlines = new RequestDeadlines(
      { firstByteMs: call.firstByteTimeout ? timeouts.firstByteMs : undefined, totalMs: timeouts.totalMs },
      (timeout) => controller.abort(new Error(`the ${timeout} timeout ran out`)),
    );
    const release = () => {
      deadlines.stop();
      call.signal?.removeEventListener('abort', abortFromCaller);
    };
    const classify = (error: unknown): GatewayError => {
      const expired = deadlines.expired;
      if (expired) return upstreamTimeoutError(expired, this.timeoutOf(expired), identity);
      return upstreamTransportError(error, identity, timeouts.connectMs);
    };

    deadlines.start();
    try {
      const response = await request(this.urlOf(call.path), {
        method: call.method,
        headers: this.headersOf(call),
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: controller.signal,
        dispatcher: this.dispatcher,
        // Our deadlines govern; undici's own would fire first with less to say.
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      return new UpstreamExchange(response.statusCode, response.headers, response.body, deadlines, classify, release);
    } catch (error) {
      release();
      throw classify(error);
    }
  }

  /** Closes our own connection pool; a dispatcher handed in belongs to whoever made it. */
  async close(): Promise<void> {
    await this.ownAgent?.close();
  }

  private urlOf(path: string): URL {
    const url = new URL(this.options.identity.baseUrl);
    // Keeps a query the base URL may carry (Azure's `api-version`).
    url.pathname = url.pathname.replace(/\/+$/, '') + path;
    return url;
  }

  private headersOf(call: UpstreamCall): Record<string, string> {
    const headers: Record<string, string> = { accept: call.accept };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const apiKey = this.options.apiKey?.trim();
    if (apiKey) headers['authorization'] = `Bearer ${apiKey}`;
    // Extra headers come last, so one may replace ours (Azure's `api-key` instead of a bearer token).
    for (const [name, value] of Object.entries(this.options.headers ?? {})) headers[name.toLowerCase()] = value;
    return headers;
  }

  private timeoutOf(timeout: TimeoutName): number {
    const { timeouts } = this.options;
    return timeout === 'connect' ? timeouts.connectMs : timeout === 'first-byte' ? timeouts.firstByteMs : timeouts.totalMs;
  }
}

/**
 * One answer being received. Reading rejects with a GatewayError only; `close` must be called
 * once done, whatever happened, to stop the timers and let go of the connection.
 */
export class UpstreamExchange {
  private closed = false;

  constructor(
    readonly status: number,
    readonly headers: ResponseHeaders,
    private readonly body: ReadableBody,
    private readonly deadlines: RequestDeadlines,
    private readonly classify: (error: unknown) => GatewayError,
    private readonly release: () => void,
  ) {}

  /** Which timeout stopped the exchange, if one did. */
  get expiredTimeout(): TimeoutName | undefined {
    return this.deadlines.expired;
  }

  /** The body's bytes as they arrive. */
  async *chunks(): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of this.body) {
        this.deadlines.firstByteArrived();
        yield chunk;
      }
    } catch (error) {
      throw this.classify(error);
    }
  }

  /** The whole body as text, at most `maxBytes` of it. */
  text(maxBytes: number): Promise<string> {
    return readBodyText(this.chunks(), maxBytes);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.release();
    // Destroying a body not read to its end closes the connection and makes undici emit an
    // abort error; nobody is left to care about it.
    this.body.on('error', () => undefined);
    this.body.destroy();
  }
}
