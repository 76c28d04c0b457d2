import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One exchange between a CLI and the product, as it went over the wire. */
export interface RecordedExchange {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status?: number;
  responseHeaders?: IncomingHttpHeaders;
  /** The answer's bytes (an SSE stream in full), cut at `maximumAnswerBytes`. */
  answer: string;
}

const maximumAnswerBytes = 64 * 1024;

/**
 * A loopback pass-through in front of one listener of the product: every request a CLI sends
 * and every answer it gets are recorded unchanged (streams included, as they flow), so a
 * failing agent run shows exactly what the CLI sent and what it was told.
 */
export class RecordingProxy {
  readonly exchanges: RecordedExchange[] = [];
  private server?: Server;

  constructor(private readonly target: string) {}

  async start(): Promise<string> {
    const target = new URL(this.target);
    this.server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const body = Buffer.concat(chunks);
        const exchange: RecordedExchange = { method: incoming.method ?? 'GET', path: incoming.url ?? '/', headers: incoming.headers, body: body.toString('utf8'), answer: '' };
        this.exchanges.push(exchange);
        const forwarded = httpRequest(
          { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host } },
          (answer) => {
            exchange.status = answer.statusCode;
            exchange.responseHeaders = answer.headers;
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.on('data', (chunk: Buffer) => {
              if (exchange.answer.length < maximumAnswerBytes) exchange.answer += chunk.toString('utf8');
              outgoing.write(chunk);
            });
            answer.on('end', () => outgoing.end());
            answer.on('error', () => outgoing.destroy());
          },
        );
        forwarded.on('error', (error) => {
          exchange.answer = `proxy error: ${error.message}`;
          outgoing.destroy();
        });
        outgoing.on('close', () => forwarded.destroy());
        forwarded.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The recorded exchanges in words, for a failure message: headers, body shape, answer start. */
  describe(): string {
    return this.exchanges
      .map((exchange, index) => {
        const headers = Object.entries(exchange.headers)
          .filter(([name]) => !['authorization', 'x-api-key', 'cookie'].includes(name))
          .map(([name, value]) => `${name}: ${String(value)}`)
          .join('\n    ');
        return [
          `#${index + 1} ${exchange.method} ${exchange.path} → ${exchange.status ?? 'no answer'}`,
          `  headers:\n    ${headers}`,
          `  body shape: ${bodyShape(exchange.body)}`,
          `  body: ${exchange.body.slice(0, 1500)}`,
          `  answer: ${exchange.answer.slice(0, 1500)}`,
        ].join('\n');
      })
      .join('\n\n');
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** The top-level fields, message roles and tool types of a JSON body, in one line. */
export function bodyShape(body: string): string {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const list = (value: unknown, pick: (item: Record<string, unknown>) => unknown) =>
      Array.isArray(value) ? `[${(value as Record<string, unknown>[]).map((item) => String(pick(item))).join(',')}]` : '';
    return [
      `fields ${Object.keys(parsed).join(',')}`,
      parsed['messages'] ? `messages ${list(parsed['messages'], (item) => item['role'])}` : '',
      Array.isArray(parsed['input']) ? `input ${list(parsed['input'], (item) => item['type'] ?? item['role'])}` : '',
      parsed['tools'] ? `tools ${list(parsed['tools'], (item) => `${String(item['type'] ?? '')}:${String(item['name'] ?? (item['function'] as Record<string, unknown> | undefined)?.['name'] ?? '')}`)}` : '',
    ]
      .filter(Boolean)
      .join('; ');
  } catch {
    return body ? 'not JSON' : 'empty';
  }
}
