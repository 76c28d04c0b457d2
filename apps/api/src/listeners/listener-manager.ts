import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ListenerName = 'proxy' | 'router' | 'control';

export interface ListenerState {
  name: ListenerName;
  running: boolean;
  host: string;
  /** The port asked for (0 = any free port) and, while running, the one bound. */
  port: number;
  startedAt: number | null;
}

declare module 'node:http' {
  interface IncomingMessage {
    /** Which of our listeners took this request. */
    listener?: ListenerName;
  }
}

/**
 * The process's HTTP listeners, all serving one request handler (one DI container). The control
 * plane stays up for the life of the process; the proxy and router open and close on demand.
 */
export class ListenerManager {
  private readonly servers = new Map<ListenerName, { server: Server; startedAt: number }>();
  private handler?: RequestListener;

  constructor(
    private readonly host: string,
    private readonly ports: Record<ListenerName, number>,
    private readonly timeouts: ListenerTimeouts = { requestMs: 60_000, headersMs: 20_000 },
  ) {}

  /** The application's request handler; set once the app is initialised. */
  attach(handler: RequestListener): void {
    this.handler = handler;
  }

  async start(name: ListenerName): Promise<ListenerState> {
    if (this.servers.has(name)) return this.state(name);
    const handler = this.handler;
    if (!handler) throw new Error('ListenerManager.start called before a request handler was attached.');
    const { requestMs, headersMs } = this.timeouts;
    const server = createServer(
      {
        // Node rejects a headers timeout longer than a (non-zero) request timeout.
        requestTimeout: requestMs,
        headersTimeout: requestMs === 0 ? headersMs : Math.min(headersMs, requestMs),
        // How often Node looks for requests past their timeouts (its default, 30 s, would let
        // a slow client overstay a short timeout by that much).
        connectionsCheckingInterval: 1_000,
      },
      (request: IncomingMessage, response: ServerResponse) => {
        request.listener = name;
        handler(request, response);
      },
    );
    // Requests Node refuses before any handler runs (headers over 16 KB, malformed HTTP) get a
    // JSON error like every other refusal instead of a bare status line.
    server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      if (!socket.writable) return socket.destroy();
      const refusal = refusalOf(error.code);
      const body = JSON.stringify({ error: { message: refusal.message, type: 'invalid_request_error', param: null, code: refusal.code } });
      socket.end(`HTTP/1.1 ${refusal.status} ${refusal.reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    });
    // The request timeout bounds receiving the request (a client that trickles its body held a
    // connection forever: 50 of them were all still open after 150 s), never the answer: Node
    // stops timing a request once it is fully received, so long streams are not cut.
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'EADDRINUSE'
            ? new Error(`Port ${this.ports[name]} (${name}) is already in use on ${this.host}. Stop the other program or set ${portVariable[name]} to a free port.`)
            : error,
        );
      };
      server.once('error', onError);
      server.listen(this.ports[name], this.host, () => {
        server.off('error', onError);
        resolve();
      });
    });
    this.servers.set(name, { server, startedAt: Date.now() });
    return this.state(name);
  }

  /** Stops accepting, lets open requests finish for `graceMs`, then cuts what remains. */
  async stop(name: ListenerName, graceMs = 5_000): Promise<ListenerState> {
    const entry = this.servers.get(name);
    if (!entry) return this.state(name);
    this.servers.delete(name);
    const closed = new Promise<void>((resolve) => entry.server.close(() => resolve()));
    entry.server.closeIdleConnections();
    const deadline = setTimeout(() => entry.server.closeAllConnections(), graceMs);
    await closed;
    clearTimeout(deadline);
    return this.state(name);
  }

  async stopAll(graceMs?: number): Promise<void> {
    await Promise.all([...this.servers.keys()].map((name) => this.stop(name, graceMs)));
  }

  state(name: ListenerName): ListenerState {
    const entry = this.servers.get(name);
    const address = entry?.server.address() as AddressInfo | null | undefined;
    return {
      name,
      running: entry !== undefined,
      host: this.host,
      port: address?.port ?? this.ports[name],
      startedAt: entry?.startedAt ?? null,
    };
  }

  url(name: ListenerName): string {
    const { port } = this.state(name);
    const host = this.host.includes(':') ? `[${this.host}]` : this.host === '0.0.0.0' ? '127.0.0.1' : this.host;
    return `http://${host}:${port}`;
  }
}

/** Node's request and header timeouts of every listener (0 = none). */
export interface ListenerTimeouts {
  requestMs: number;
  headersMs: number;
}

/** What a request Node refused before any handler ran gets, by Node's error code. */
function refusalOf(code: string | undefined): { status: number; reason: string; code: string; message: string } {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, reason: 'Request Header Fields Too Large', code: 'headers_too_large', message: 'The request headers are too large (16 KB at most).' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, reason: 'Request Timeout', code: 'request_timeout', message: 'The request was not received in time (REQUEST_BODY_TIMEOUT_MS, REQUEST_HEADERS_TIMEOUT_MS).' };
  }
  return { status: 400, reason: 'Bad Request', code: 'bad_http_request', message: 'The request is not valid HTTP.' };
}

const portVariable: Record<ListenerName, string> = { proxy: 'PROXY_PORT', router: 'ROUTER_PORT', control: 'CONTROL_PORT' };
