/** Response headers as undici hands them out. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** A response body as undici hands it out: chunks to read, and a way to let go of the socket. */
export interface ReadableBody extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** What a body is, by its declared `content-type`. */
export type BodyKind = 'event-stream' | 'json' | 'undeclared' | 'other';

/**
 * A body as text, at most `maxBytes` of it: an error page or a JSON answer, never a stream.
 * Reading stops at the limit (leaving the loop lets go of the body), so a runaway answer
 * cannot fill memory.
 */
export async function readBodyText(chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let received = 0;
  for await (const chunk of chunks) {
    const room = maxBytes - received;
    text += decoder.decode(chunk.subarray(0, Math.max(0, room)), { stream: true });
    received += chunk.byteLength;
    if (received >= maxBytes) break;
  }
  return text + decoder.decode();
}

/** One header, whatever the case of its name; the first value when repeated. */
export function headerValue(headers: ResponseHeaders | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
  return Array.isArray(entry) ? entry[0] : entry;
}

export function bodyKindOf(headers: ResponseHeaders): BodyKind {
  const contentType = headerValue(headers, 'content-type');
  if (!contentType?.trim()) return 'undeclared';
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  if (mediaType === 'text/event-stream') return 'event-stream';
  // `application/problem+json` and friends are JSON too.
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return 'json';
  return 'other';
}
