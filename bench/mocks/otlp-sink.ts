import { createServer } from 'node:http';

/**
 * A local OTLP/HTTP trace sink for measuring tracing's cost: accepts `POST /v1/traces`, counts
 * the spans, answers 200. `npx tsx bench/mocks/otlp-sink.ts [port]` (default 4318, the OTLP/HTTP
 * port); prints the running count every five seconds.
 */
const port = Number(process.argv[2] ?? 4318);
let spans = 0;
let exports = 0;
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    if (request.method === 'POST' && request.url === '/v1/traces') {
      exports += 1;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans?: { scopeSpans?: { spans?: unknown[] }[] }[] };
      for (const resource of body.resourceSpans ?? []) for (const scope of resource.scopeSpans ?? []) spans += scope.spans?.length ?? 0;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    response.writeHead(404).end();
  });
});
server.listen(port, '127.0.0.1', () => process.stdout.write(`OTLP sink on http://127.0.0.1:${port} (POST /v1/traces)\n`));
setInterval(() => process.stdout.write(`${exports} exports, ${spans} spans\n`), 5000).unref();
