import type { HttpExchange } from '../http/http-exchange';

// A 1×1 transparent PNG: enough for a client that downloads generated images.
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** `GET /__fake/images/<id>.png`: the picture behind every URL of the `image` scenario's default. */
export function serveFakeImage(exchange: HttpExchange): void {
  exchange.record.outcome = { status: 'answered', httpStatus: 200 };
  exchange.response.writeHead(200, { 'content-type': 'image/png', 'content-length': TINY_PNG.length });
  exchange.response.end(TINY_PNG);
}
