import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OTLP/HTTP trace sink for measuring tracing's cost: accepts `POST /v1/traces` (JSON or
 * protobuf: it only counts JSON spans, and counts every export), answers 200.
 * `npx tsx bench/mocks/otlp-sink.ts [port]` (default 4318, the OTLP/HTTP port) prints the running
 * count every five seconds; bench/tracing-cost.ts starts one in-process.
 */
export interface OtlpSink {
  origin: string;
  counts(): { exports: number; spans: number };
  stop(): Promise<void>;
}

export async function startOtlpSink(port = 0): Promise<OtlpSink> {
  let spans = 0;
  let exports = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/v1/traces') {
        exports += 1;
        spans += countJsonSpans(Buffer.concat(chunks).toString('utf8'));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: boundPort } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${boundPort}`,
    counts: () => ({ exports, spans }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function countJsonSpans(text: string): number {
  try {
    const body = JSON.parse(text) as { resourceSpans?: { scopeSpans?: { spans?: unknown[] }[] }[] };
    let count = 0;
    for (const resource of body.resourceSpans ?? []) for (const scope of resource.scopeSpans ?? []) count += scope.spans?.length ?? 0;
    return count;
  } catch {
    return 0;
  }
}

if (require.main === module) {
  void startOtlpSink(Number(process.argv[2] ?? 4318)).then((sink) => {
    process.stdout.write(`OTLP sink on ${sink.origin} (POST /v1/traces)\n`);
    setInterval(() => {
      const { exports, spans } = sink.counts();
      process.stdout.write(`${exports} exports, ${spans} spans\n`);
    }, 5000);
  });
}
