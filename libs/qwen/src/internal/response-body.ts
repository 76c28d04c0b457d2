/** A response body as undici hands it out: chunks to read, and a way to let go of the socket. */
export interface ReadableBody extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): unknown;
}

/**
 * The body as text, at most `maxBytes` of it: an error page or a JSON answer, never a stream.
 * Reading stops at the limit and the body is destroyed, so a runaway answer cannot fill memory.
 */
export async function readBodyText(body: ReadableBody, maxBytes: number): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let received = 0;
  for await (const chunk of body) {
    const room = maxBytes - received;
    text += decoder.decode(chunk.subarray(0, Math.max(0, room)), { stream: true });
    received += chunk.byteLength;
    if (received >= maxBytes) {
      body.destroy();
      break;
    }
  }
  return text + decoder.decode();
}

/** One header of a Node/undici header record, whatever the case of its name. */
export function headerValue(
  headers: Record<string, string | string[] | undefined> | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
  return Array.isArray(entry) ? entry[0] : entry;
}
