import { bodyKindOf, headerValue, readBodyText } from './response-body';

/** A body that counts what was read and whether the reader let go of it early. */
function bodyOf(chunks: Uint8Array[]): AsyncIterable<Uint8Array> & { released: boolean; read: number } {
  const body = {
    released: false,
    read: 0,
    async *[Symbol.asyncIterator]() {
      try {
        for (const chunk of chunks) {
          body.read += 1;
          yield chunk;
        }
      } finally {
        body.released = body.read < chunks.length;
      }
    },
  };
  return body;
}

describe(readBodyText.name, () => {
  const encoder = new TextEncoder();

  it('joins chunks split inside a multi-byte character', async () => {
    const bytes = encoder.encode('{"message":"€"}');
    const body = bodyOf([bytes.subarray(0, 13), bytes.subarray(13)]);
    await expect(readBodyText(body, 1000)).resolves.toBe('{"message":"€"}');
  });

  it('stops at the limit and lets go of the body', async () => {
    const body = bodyOf([encoder.encode('abcdef'), encoder.encode('ghij'), encoder.encode('never read')]);
    await expect(readBodyText(body, 8)).resolves.toBe('abcdefgh');
    expect(body.released).toBe(true);
    expect(body.read).toBe(2);
  });
});

describe(headerValue.name, () => {
  it('finds a header whatever its case, the first of repeated values', () => {
    expect(headerValue({ 'Content-Type': 'text/plain' }, 'content-type')).toBe('text/plain');
    expect(headerValue({ 'set-cookie': ['a', 'b'] }, 'Set-Cookie')).toBe('a');
    expect(headerValue(undefined, 'x')).toBeUndefined();
  });
});

describe(bodyKindOf.name, () => {
  it.each([
    ['text/event-stream', 'event-stream'],
    ['text/event-stream; charset=utf-8', 'event-stream'],
    ['application/json', 'json'],
    ['Application/JSON; charset=utf-8', 'json'],
    ['application/problem+json', 'json'],
    ['text/html; charset=utf-8', 'other'],
    ['application/x-ndjson', 'other'],
    ['', 'undeclared'],
  ])('%j is %s', (contentType, kind) => {
    expect(bodyKindOf({ 'content-type': contentType })).toBe(kind);
  });

  it('is undeclared without a content-type', () => {
    expect(bodyKindOf({})).toBe('undeclared');
  });
});
