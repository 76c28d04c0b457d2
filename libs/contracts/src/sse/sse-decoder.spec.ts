import { defaultSseMaxLineBytes, type SseMessage, SseDecoder, SseEventTooLargeError } from './sse-decoder';

const encoder = new TextEncoder();

function decodeInPieces(bytes: Uint8Array, splitPoints: number[]): SseMessage[] {
  const decoder = new SseDecoder();
  const messages: SseMessage[] = [];
  let start = 0;
  for (const point of [...splitPoints, bytes.length]) {
    messages.push(...decoder.push(bytes.subarray(start, point)));
    start = point;
  }
  messages.push(...decoder.end());
  return messages;
}

describe(SseDecoder.name, () => {
  // Every feature at once, so that every split position crosses something interesting:
  // a BOM, comments, CRLF, CR-only and LF breaks, multi-byte UTF-8, multi-line data, an event
  // name, [DONE], and a last event without its blank line.
  const stream =
    '\uFEFF: OPENROUTER PROCESSING\r\n' +
    '\r\n' +
    'data: {"choices":[{"delta":{"content":"你好 👋"}}]}\r\n' +
    '\r\n' +
    'id: 7\n' +
    'retry: 100\n' +
    'data: first line\n' +
    'data:second line\n' +
    '\n' +
    'event: error\r' +
    'data: {"error":{"message":"é"}}\r' +
    '\r' +
    'data: [DONE]\n' +
    '\n' +
    'data: last, without a blank line';
  const expected: SseMessage[] = [
    { data: '{"choices":[{"delta":{"content":"你好 👋"}}]}' },
    { data: 'first line\nsecond line' },
    { event: 'error', data: '{"error":{"message":"é"}}' },
    { data: '[DONE]' },
    { data: 'last, without a blank line' },
  ];
  const bytes = encoder.encode(stream);

  it('decodes a stream delivered in one chunk', () => {
    expect(decodeInPieces(bytes, [])).toEqual(expected);
  });

  it('decodes the same events whatever byte the stream is split at', () => {
    for (let point = 1; point < bytes.length; point += 1) {
      expect({ point, messages: decodeInPieces(bytes, [point]) }).toEqual({ point, messages: expected });
    }
  });

  it('decodes the same events whatever pair of bytes the stream is split at', () => {
    for (let first = 1; first < bytes.length; first += 2) {
      for (let second = first + 1; second < bytes.length; second += 1) {
        const messages = decodeInPieces(bytes, [first, second]);
        if (JSON.stringify(messages) !== JSON.stringify(expected)) {
          throw new Error(`split at ${first} and ${second}: ${JSON.stringify(messages)}`);
        }
      }
    }
  });

  it('decodes the stream fed one byte at a time', () => {
    const everyByte = Array.from({ length: bytes.length - 1 }, (_, index) => index + 1);
    expect(decodeInPieces(bytes, everyByte)).toEqual(expected);
  });

  it('delivers an event as soon as its blank line arrives', () => {
    const decoder = new SseDecoder();
    expect(decoder.push(encoder.encode('data: one\n'))).toEqual([]);
    expect(decoder.push(encoder.encode('\ndata: two'))).toEqual([{ data: 'one' }]);
    expect(decoder.end()).toEqual([{ data: 'two' }]);
  });

  it('counts a CR LF split across chunks as one line break, and a second LF as a blank line', () => {
    const decoder = new SseDecoder();
    expect(decoder.push(encoder.encode('data: a\r'))).toEqual([]);
    expect(decoder.push(encoder.encode('\n'))).toEqual([]);
    expect(decoder.push(encoder.encode('\n'))).toEqual([{ data: 'a' }]);
  });

  it('does not let the caller reusing its buffer corrupt a partial line', () => {
    const decoder = new SseDecoder();
    const buffer = encoder.encode('data: abc');
    decoder.push(buffer);
    buffer.fill(0x78);
    expect(decoder.push(encoder.encode('\n\n'))).toEqual([{ data: 'abc' }]);
  });

  it('strips a byte order mark only at the start of the stream', () => {
    const bom = [0xef, 0xbb, 0xbf];
    const withBom = new Uint8Array([...bom, ...encoder.encode('data: x\n\n'), ...encoder.encode('data: \uFEFFy\n\n')]);
    expect(decodeInPieces(withBom, [1, 2])).toEqual([{ data: 'x' }, { data: '\uFEFFy' }]);
  });

  it('keeps spaces after the first one, and empty data lines as empty lines', () => {
    expect(decodeInPieces(encoder.encode('data:  two spaces\n\ndata\ndata: x\n\n'), [])).toEqual([
      { data: ' two spaces' },
      { data: '\nx' },
    ]);
  });

  it('dispatches nothing for comments, blank lines, or an event name without data', () => {
    const decoder = new SseDecoder();
    expect(decoder.push(encoder.encode(':ping\n\n\n: another\n\nevent: ping\n\n'))).toEqual([]);
    expect(decoder.push(encoder.encode('data: after\n\n'))).toEqual([{ data: 'after' }]);
    expect(decoder.end()).toEqual([]);
  });

  it('replaces invalid UTF-8 instead of throwing', () => {
    const invalid = new Uint8Array([...encoder.encode('data: a'), 0xff, ...encoder.encode('b\n\n')]);
    expect(decodeInPieces(invalid, [])).toEqual([{ data: 'a\uFFFDb' }]);
  });
});

describe(`${SseDecoder.name} limits`, () => {
  const kilobyte = new Uint8Array(1024).fill(0x61);

  it('fails a line that never ends once it passes the cap, instead of buffering it without limit', () => {
    const sut = new SseDecoder({ maxLineBytes: 64 * 1024 });
    sut.push(encoder.encode('data: '));
    let pushed = 0;
    const pushUntilRefused = () => {
      for (; pushed < 1_000; pushed++) sut.push(kilobyte);
    };
    expect(pushUntilRefused).toThrow(SseEventTooLargeError);
    expect(pushed).toBe(63);
  });

  it('fails an event of many short data lines past the cap', () => {
    const sut = new SseDecoder({ maxLineBytes: 10 * 1024 });
    const line = encoder.encode(`data: ${'b'.repeat(1000)}\n`);
    expect(() => {
      for (let index = 0; index < 20; index++) sut.push(line);
    }).toThrow(expect.objectContaining({ status: 502, code: 'upstream_event_too_large', retryable: true }));
  });

  it('passes lines and events up to the cap, and the cap is per event', () => {
    const sut = new SseDecoder({ maxLineBytes: 10 * 1024 });
    const event = encoder.encode(`data: ${'c'.repeat(9_000)}\n\n`);
    const messages = [...sut.push(event), ...sut.push(event), ...sut.end()];
    expect(messages.map((message) => message.data.length)).toEqual([9_000, 9_000]);
  });

  it('defaults to 4 MiB', () => {
    expect(defaultSseMaxLineBytes).toBe(4 * 1024 * 1024);
  });
});
