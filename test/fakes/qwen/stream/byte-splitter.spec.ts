import { isInsideMultiByteCharacter, splitBytesOddly } from './byte-splitter';
import { seededRandom } from './seeded-random';

describe(splitBytesOddly.name, () => {
  const bytes = Buffer.from('data: {"content": "héllo 世界 🎉"}\r\n\r\ndata: {"content": "more"}\n\n', 'utf8');
  const cutPositions = (pieces: Buffer[]) => {
    let offset = 0;
    return pieces.slice(0, -1).map((piece) => (offset += piece.length));
  };

  it('returns several pieces that concatenate to the original bytes', () => {
    const pieces = splitBytesOddly(bytes, seededRandom(7));
    expect(pieces.length).toBeGreaterThan(3);
    expect(Buffer.concat(pieces).equals(bytes)).toBe(true);
  });

  it('cuts inside a multi-byte character and between CR and LF', () => {
    const cuts = cutPositions(splitBytesOddly(bytes, seededRandom(7)));
    expect(cuts.some((cut) => isInsideMultiByteCharacter(bytes, cut))).toBe(true);
    expect(cuts.some((cut) => bytes[cut - 1] === 0x0d && bytes[cut] === 0x0a)).toBe(true);
  });

  it('is reproducible for a given seed', () => {
    const sizes = (seed: number) => splitBytesOddly(bytes, seededRandom(seed)).map((piece) => piece.length);
    expect(sizes(42)).toEqual(sizes(42));
  });
});
