import type { IncomingMessage, ServerResponse } from 'node:http';

/** Reads the whole request body; the mocks need it only to set their answer, otherwise they drain it. */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    request.on('error', reject);
  });
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

export function delay(milliseconds: number): Promise<void> {
  return milliseconds > 0 ? new Promise((resolve) => setTimeout(resolve, milliseconds)) : Promise.resolve();
}

/**
 * Writes SSE frames at the configured pace: all in one write when there is no interval (the
 * mock must never be the bottleneck), otherwise one per tick. Stops when the client leaves.
 */
export async function writePaced(
  response: ServerResponse,
  frames: readonly string[],
  intervalMs: number,
): Promise<void> {
  if (intervalMs <= 0) {
    response.end(frames.join(''));
    return;
  }
  let closed = false;
  response.on('close', () => (closed = true));
  for (let index = 0; index < frames.length && !closed; index++) {
    if (index > 0) await delay(intervalMs);
    response.write(frames[index]);
  }
  response.end();
}
