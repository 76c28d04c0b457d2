import { randomInteger, type RandomSource } from './seeded-random';

/** The largest piece the splitter makes: small enough that every frame spans several writes. */
const LARGEST_PIECE_BYTES = 24;

/**
 * Cuts bytes into small pieces of odd sizes, and makes sure the two cuts that break naive
 * decoders happen when they can: one inside a multi-byte UTF-8 character (a decoder that turns
 * each chunk into text on its own mangles it) and one between the `\r` and `\n` of a CRLF (a line
 * splitter that looks at one chunk at a time sees a lone `\r`).
 */
export function splitBytesOddly(bytes: Buffer, random: RandomSource): Buffer[] {
  const cuts = new Set<number>();
  for (let position = randomInteger(random, 1, LARGEST_PIECE_BYTES); position < bytes.length; ) {
    cuts.add(position);
    position += randomInteger(random, 1, LARGEST_PIECE_BYTES);
  }
  for (const forced of [firstPositionInsideMultiByteCharacter(bytes), firstPositionInsideCrlf(bytes)]) {
    if (forced !== undefined) {
      cuts.add(forced);
    }
  }
  const ordered = [...cuts].sort((left, right) => left - right);
  const pieces: Buffer[] = [];
  let start = 0;
  for (const cut of ordered) {
    pieces.push(bytes.subarray(start, cut));
    start = cut;
  }
  pieces.push(bytes.subarray(start));
  return pieces.filter((piece) => piece.length > 0);
}

/** True when `position` is a UTF-8 continuation byte, i.e. cutting there splits a character. */
export function isInsideMultiByteCharacter(bytes: Buffer, position: number): boolean {
  const byte = bytes[position];
  return byte !== undefined && (byte & 0b1100_0000) === 0b1000_0000;
}

function firstPositionInsideMultiByteCharacter(bytes: Buffer): number | undefined {
  for (let position = 1; position < bytes.length; position += 1) {
    if (isInsideMultiByteCharacter(bytes, position)) {
      return position;
    }
  }
  return undefined;
}

function firstPositionInsideCrlf(bytes: Buffer): number | undefined {
  const carriageReturn = bytes.indexOf('\r\n');
  return carriageReturn >= 0 ? carriageReturn + 1 : undefined;
}
