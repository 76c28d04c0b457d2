/**
 * Bytes of a `text/event-stream` in, the `data` of each complete event out. Chunks may split
 * anywhere, even inside a UTF-8 character or between the CR and LF of a line break.
 *
 * Deliberate departures from the WHATWG parser, for Qwen's streams: trailing whitespace is
 * removed from every line (Qwen pads lines, and a padded blank line must still end an event;
 * payloads are JSON, where trailing whitespace never matters), and `event`, `id` and `retry`
 * are ignored because Qwen sends none.
 */
export class SseDecoder {
  private readonly textDecoder = new TextDecoder('utf-8');
  private buffer = '';
  private dataLines: string[] = [];
  /** The previous chunk ended with CR: a LF opening the next one belongs to the same break. */
  private skipLeadingLineFeed = false;

  push(chunk: Uint8Array): string[] {
    return this.consume(this.textDecoder.decode(chunk, { stream: true }));
  }

  /** The connection closed: flush the last line and deliver an event left without its blank line. */
  end(): string[] {
    const payloads = this.consume(this.textDecoder.decode());
    if (this.buffer !== '') {
      this.processLine(this.buffer, payloads);
      this.buffer = '';
    }
    this.dispatch(payloads);
    return payloads;
  }

  private consume(text: string): string[] {
    const payloads: string[] = [];
    if (text === '') return payloads;
    const input = this.skipLeadingLineFeed && text.startsWith('\n') ? text.slice(1) : text;
    this.skipLeadingLineFeed = false;
    // The kept buffer never holds a line break, so only the new text needs scanning.
    const scanFrom = this.buffer.length;
    this.buffer += input;

    let lineStart = 0;
    for (let index = scanFrom; index < this.buffer.length; index += 1) {
      const character = this.buffer[index];
      if (character !== '\n' && character !== '\r') continue;
      this.processLine(this.buffer.slice(lineStart, index), payloads);
      if (character === '\r') {
        if (index + 1 === this.buffer.length) this.skipLeadingLineFeed = true;
        else if (this.buffer[index + 1] === '\n') index += 1;
      }
      lineStart = index + 1;
    }
    this.buffer = this.buffer.slice(lineStart);
    return payloads;
  }

  private processLine(rawLine: string, payloads: string[]): void {
    const line = rawLine.trimEnd();
    if (line === '') {
      this.dispatch(payloads);
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    const value = colon === -1 ? '' : line.slice(colon + 1);
    this.dataLines.push(value.startsWith(' ') ? value.slice(1) : value);
  }

  private dispatch(payloads: string[]): void {
    if (this.dataLines.length === 0) return;
    payloads.push(this.dataLines.join('\n'));
    this.dataLines = [];
  }
}
