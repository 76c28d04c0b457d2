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
  ) {}

  /** The application's request handler; set once the app is initialised. */
  attach(handler: RequestListener): void {
    this.handler = handler;
  }

  async start(name: ListenerName): Promise<ListenerState> {
    if (this.servers.has(name)) return this.state(name);
    const handler = this.handler;
    if (!handler) throw new Error('ListenerManager.start called before a request handler was attached.');
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      request.listener = name;
      handler(request, response);
    });
    // Requests Node refuses before any handler runs (headers over 16 KB, malformed HTTP) get a
    // JSON error like every other refusal instead of a bare status line.
    server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
      if (!socket.writable) return socket.destroy();
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      const body = JSON.stringify({
        error: {
          message: status === 431 ? 'The request headers are too large (16 KB at most).' : 'The request is not valid HTTP.',
          type: 'invalid_request_error',
          param: null,
          code: status === 431 ? 'headers_too_large' : 'bad_http_request',
        },
      });
      socket.end(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    });
    // Long streams must not be cut by Node's default request timeout; clients and upstream
    // timeouts bound them instead.
    server.requestTimeout = 0;
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

const portVariable: Record<ListenerName, string> = { proxy: 'PROXY_PORT', router: 'ROUTER_PORT', control: 'CONTROL_PORT' };
