import { headerValue, readBodyText } from './response-body';

function bodyOf(chunks: Uint8Array[]) {
  const body = {
    destroyed: false,
    destroy() {
      body.destroyed = true;
    },
    async *[Symbol.asyncIterator]() {
      for (const chunk of chunks) {
        if (body.destroyed) return;
        yield chunk;
      }
    },
  };
  return body;
}

describe(readBodyText.name, () => {
  it('decodes UTF-8 split across chunks', async () => {
    const bytes = new TextEncoder().encode('{"details": "上限"}');
    expect(await readBodyText(bodyOf([bytes.subarray(0, 14), bytes.subarray(14)]), 1024)).toBe('{"details": "上限"}');
  });

  it('stops at the limit and lets go of the body', async () => {
    const body = bodyOf([new TextEncoder().encode('abcdef'), new TextEncoder().encode('ghij')]);
    expect(await readBodyText(body, 4)).toBe('abcd');
    expect(body.destroyed).toBe(true);
  });
});

describe(headerValue.name, () => {
  it('finds a header whatever its case and takes the first of repeated values', () => {
    expect(headerValue({ 'Content-Type': 'text/html' }, 'content-type')).toBe('text/html');
    expect(headerValue({ 'set-cookie': ['a=1', 'b=2'] }, 'Set-Cookie')).toBe('a=1');
    expect(headerValue(undefined, 'x')).toBeUndefined();
  });
});
