import { BadGatewayError } from '../errors/gateway-error';

/**
 * The default longest line (and event) an upstream may send: 4 MiB. The largest real frames
 * seen are a few KB (Qwen's image-search and thinking-summary snapshots: 3 KB in the fixtures);
 * the cap exists because a line that never ends was buffered until V8 ran out of memory (RSS
 * 5–6 GB, then an abort) and took every port down with it.
 */
export const defaultSseMaxLineBytes = 4 * 1024 * 1024;

export interface SseDecoderOptions {
  /** Bytes one line, and one event's joined data, may reach before the stream fails. */
  maxLineBytes?: number;
}

/**
 * An upstream line or event over the cap. Retryable: another provider (or a later try) may
 * answer normally, which the router does when nothing reached the client yet.
 */
export class SseEventTooLargeError extends BadGatewayError {
  constructor(limitBytes: number) {
    super(`The upstream sent an event-stream line or event longer than ${limitBytes} bytes (SSE_MAX_LINE_BYTES); the stream was stopped.`, {
      code: 'upstream_event_too_large',
      retryable: true,
    });
  }
}

/** One dispatched server-sent event: its `event` name, when it has one, and its joined `data` lines. */
export interface SseMessage {
  event?: string;
  data: string;
}

const lineFeed = 0x0a;
const carriageReturn = 0x0d;
const byteOrderMark = [0xef, 0xbb, 0xbf];

/**
 * Bytes of a `text/event-stream` in, complete events out, after the WHATWG parsing rules. It
 * works on bytes: a line is cut at CR, LF or CR LF first and decoded as UTF-8 only when whole,
 * so a chunk may end anywhere, inside a multi-byte character or between the CR and the LF.
 * `id` and `retry` are ignored: a gateway never reconnects to a chat answer.
 */
export class SseDecoder {
  private readonly textDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /** The bytes of the line being received, in the chunks they came in. */
  private partialLine: Uint8Array[] = [];
  private afterCarriageReturn = false;
  private atStreamStart = true;
  private dataLines: string[] = [];
  private eventName?: string;
  private partialLineBytes = 0;
  private dataBytes = 0;
  private readonly maxLineBytes: number;

  constructor(options: SseDecoderOptions = {}) {
    this.maxLineBytes = options.maxLineBytes ?? defaultSseMaxLineBytes;
  }

  /** Throws `SseEventTooLargeError` once a line or an event grows past the cap. */
  push(chunk: Uint8Array): SseMessage[] {
    const messages: SseMessage[] = [];
    let lineStart = 0;
    for (let index = 0; index < chunk.length; index += 1) {
      const byte = chunk[index];
      if (byte === lineFeed && this.afterCarriageReturn) {
        // The LF of a CR LF whose CR ended the line already (possibly in the previous chunk).
        this.afterCarriageReturn = false;
        lineStart = index + 1;
        continue;
      }
      this.afterCarriageReturn = byte === carriageReturn;
      if (byte !== lineFeed && byte !== carriageReturn) continue;
      this.keepPartial(chunk.subarray(lineStart, index));
      this.processLine(this.takeLine(), messages);
      lineStart = index + 1;
    }
    // Copied: the caller may reuse its buffer once push returns.
    if (lineStart < chunk.length) this.keepPartial(chunk.slice(lineStart));
    return messages;
  }

  private keepPartial(bytes: Uint8Array): void {
    this.partialLineBytes += bytes.length;
    if (this.partialLineBytes > this.maxLineBytes) throw new SseEventTooLargeError(this.maxLineBytes);
    this.partialLine.push(bytes);
  }

  /**
   * The connection closed. WHATWG drops an event left without its blank line; we deliver it,
   * because servers that close right after their last `data:` line exist and the answer's
   * last words are worth more than the letter of the spec.
   */
  end(): SseMessage[] {
    const messages: SseMessage[] = [];
    if (this.partialLine.length > 0) this.processLine(this.takeLine(), messages);
    this.dispatch(messages);
    return messages;
  }

  private takeLine(): string {
    const pieces = this.partialLine;
    this.partialLine = [];
    this.partialLineBytes = 0;
    let bytes = pieces.length === 1 ? pieces[0] : concatenate(pieces);
    if (this.atStreamStart) {
      this.atStreamStart = false;
      if (byteOrderMark.every((value, position) => bytes[position] === value)) bytes = bytes.subarray(byteOrderMark.length);
    }
    return this.textDecoder.decode(bytes);
  }

  private processLine(line: string, messages: SseMessage[]): void {
    // chat.qwen.ai may pad its blank separator lines with spaces: a whitespace-only line ends
    // the event too (in strict SSE it would be an ignored field, so nothing valid is lost).
    if (line.trim() === '') {
      this.dispatch(messages);
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const rawValue = colon === -1 ? '' : line.slice(colon + 1);
    const value = rawValue.startsWith(' ') ? rawValue.slice(1) : rawValue;
    if (field === 'data') {
      // Many short data lines make one event too: the joined event is bounded as well.
      this.dataBytes += value.length + 1;
      if (this.dataBytes > this.maxLineBytes) throw new SseEventTooLargeError(this.maxLineBytes);
      this.dataLines.push(value);
    }
    else if (field === 'event') this.eventName = value;
  }

  private dispatch(messages: SseMessage[]): void {
    if (this.dataLines.length > 0) {
      const data = this.dataLines.join('\n');
      messages.push(this.eventName ? { event: this.eventName, data } : { data });
    }
    // An event name without data dispatches nothing and does not carry over (WHATWG).
    this.dataLines = [];
    this.dataBytes = 0;
    this.eventName = undefined;
  }
}

function concatenate(pieces: Uint8Array[]): Uint8Array {
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const piece of pieces) {
    bytes.set(piece, offset);
    offset += piece.length;
  }
  return bytes;
}
