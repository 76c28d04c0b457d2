import { sniffImageType } from './image-type-sniffing';

describe(sniffImageType.name, () => {
  it.each([
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], 'image/png'],
    [[0xff, 0xd8, 0xff, 0xe0], 'image/jpeg'],
    [[...Buffer.from('GIF89a')], 'image/gif'],
    [[...Buffer.from('RIFF\0\0\0\0WEBPVP8 ')], 'image/webp'],
    [[...Buffer.from('<html>')], undefined],
    [[], undefined],
  ])('reads %j as %s', (bytes, expected) => {
    expect(sniffImageType(Uint8Array.from(bytes))).toBe(expected);
  });
});
