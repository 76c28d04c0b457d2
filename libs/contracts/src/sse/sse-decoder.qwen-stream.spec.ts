import { SseDecoder } from './sse-decoder';

/** The `data` of each event: what the Qwen client reads. */
class DataDecoder {
  private readonly decoder = new SseDecoder();
  push(chunk: Uint8Array): string[] {
    return this.decoder.push(chunk).map((message) => message.data);
  }
  end(): string[] {
    return this.decoder.end().map((message) => message.data);
  }
}

const encoder = new TextEncoder();

function decodeInChunks(bytes: Uint8Array, splitPoints: number[]): string[] {
  const decoder = new DataDecoder();
  const payloads: string[] = [];
  let start = 0;
  for (const point of [...splitPoints, bytes.length]) {
    payloads.push(...decoder.push(bytes.subarray(start, point)));
    start = point;
  }
  payloads.push(...decoder.end());
  return payloads;
}

describe(`${SseDecoder.name} on Qwen-style streams`, () => {
  // Every feature at once, so that every split position crosses something interesting.
  const stream =
    ': keep-alive comment\r\n' +
    'data: {"choices": [{"delta": {"content": "你好 👋"}}]}   \r\n' +
    '\r\n' +
    'event: message\n' +
    'id: 7\n' +
    'data: first line\n' +
    'data:second line\n' +
    '   \n' +
    'data: cr only\r' +
    '\r' +
    'data: {"response.info": {"action": "keep_alive"}}\n' +
    '\n' +
    'data: last, without a blank line';
  const expected = [
    '{"choices": [{"delta": {"content": "你好 👋"}}]}   ',
    'first line\nsecond line',
    'cr only',
    '{"response.info": {"action": "keep_alive"}}',
    'last, without a blank line',
  ];
  const bytes = encoder.encode(stream);

  it('decodes the stream delivered in one chunk', () => {
    expect(decodeInChunks(bytes, [])).toEqual(expected);
  });

  it('decodes the same events whatever single byte position the stream is split at', () => {
    for (let point = 1; point < bytes.length; point += 1) {
      expect({ point, payloads: decodeInChunks(bytes, [point]) }).toEqual({ point, payloads: expected });
    }
  });

  it('decodes the same events whatever pair of byte positions the stream is split at', () => {
    for (let first = 1; first < bytes.length; first += 3) {
      for (let second = first + 1; second < bytes.length; second += 1) {
        const payloads = decodeInChunks(bytes, [first, second]);
        if (JSON.stringify(payloads) !== JSON.stringify(expected)) {
          throw new Error(`split at ${first} and ${second}: ${JSON.stringify(payloads)}`);
        }
      }
    }
  });

  it('decodes the stream fed one byte at a time', () => {
    const everyByte = Array.from({ length: bytes.length - 1 }, (_, index) => index + 1);
    expect(decodeInChunks(bytes, everyByte)).toEqual(expected);
  });

  it('delivers an event as soon as its blank line arrives, not at the end', () => {
    const decoder = new DataDecoder();
    expect(decoder.push(encoder.encode('data: one\n'))).toEqual([]);
    expect(decoder.push(encoder.encode('\ndata: two'))).toEqual(['one']);
    expect(decoder.end()).toEqual(['two']);
  });

  it('treats CR LF split across chunks as one line break, not two', () => {
    const decoder = new DataDecoder();
    expect(decoder.push(encoder.encode('data: a\r'))).toEqual([]);
    // A LF right after the CR is the same break; the next CR LF is the blank line.
    expect(decoder.push(encoder.encode('\ndata: b\r\n\r\n'))).toEqual(['a\nb']);
  });

  it('does not swallow a second LF after a CR that ended the previous chunk', () => {
    const decoder = new DataDecoder();
    decoder.push(encoder.encode('data: a\r'));
    expect(decoder.push(encoder.encode('\n'))).toEqual([]);
    expect(decoder.push(encoder.encode('\n'))).toEqual(['a']);
  });

  it('ignores comment-only and blank-only input', () => {
    const decoder = new DataDecoder();
    expect(decoder.push(encoder.encode(':ping\n\n\n: another\n\n'))).toEqual([]);
    expect(decoder.end()).toEqual([]);
  });

  it('keeps an empty data line as an empty payload line', () => {
    expect(decodeInChunks(encoder.encode('data\ndata: x\n\n'), [])).toEqual(['\nx']);
  });

  it('strips a byte order mark at the start of the stream', () => {
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode('data: x\n\n')]);
    expect(decodeInChunks(withBom, [1, 2])).toEqual(['x']);
  });
});
