import { decodeBase64, decodeDataUrl, isDataUrl } from './data-url';
import { FetchRefusedError } from './fetch-refusal';

describe(decodeDataUrl.name, () => {
  it('decodes base64 data with its media type', () => {
    expect(decodeDataUrl('data:image/PNG;base64,aGVsbG8=', 100)).toEqual({ bytes: Buffer.from('hello'), mediaType: 'image/png' });
  });

  it('decodes percent-encoded data and data without a type', () => {
    expect(decodeDataUrl('data:,a%20b', 100)).toEqual({ bytes: Buffer.from('a b') });
  });

  it('refuses malformed data and data over the limit before decoding it', () => {
    expect(() => decodeDataUrl('data:image/png;base64', 100)).toThrow(FetchRefusedError);
    expect(() => decodeDataUrl('data:image/png;base64,***', 100)).toThrow('not valid base64');
    expect(() => decodeDataUrl(`data:image/png;base64,${'A'.repeat(4000)}`, 1000)).toThrow('larger than');
  });

  it('tells data URIs from URLs', () => {
    expect(isDataUrl(' data:image/png;base64,AA==')).toBe(true);
    expect(isDataUrl('https://example.com/a.png')).toBe(false);
  });

  it('accepts URL-safe base64 too', () => {
    expect(decodeBase64('_-8', 10)).toEqual(Buffer.from([0xff, 0xef]));
  });
});
