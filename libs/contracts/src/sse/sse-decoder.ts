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
      this.partialLine.push(chunk.subarray(lineStart, index));
      this.processLine(this.takeLine(), messages);
      lineStart = index + 1;
    }
    // Copied: the caller may reuse its buffer once push returns.
    if (lineStart < chunk.length) this.partialLine.push(chunk.slice(lineStart));
    return messages;
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
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventName = value;
  }

  private dispatch(messages: SseMessage[]): void {
    if (this.dataLines.length > 0) {
      const data = this.dataLines.join('\n');
      messages.push(this.eventName ? { event: this.eventName, data } : { data });
    }
    // An event name without data dispatches nothing and does not carry over (WHATWG).
    this.dataLines = [];
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
