/** One server-sent event: its `event:` type (default `message`) and `data:` lines joined. */
export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/**
 * A line-based decoder for text/event-stream (WHATWG rules): feed it text as it arrives, split
 * anywhere, and it returns the events completed so far. Comments (`: keep-alive`) are skipped.
 */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private id: string | undefined;

  push(text: string): SseMessage[] {
    this.buffer += text;
    const messages: SseMessage[] = [];
    let newline: number;
    while ((newline = this.nextLineEnd()) >= 0) {
      let line = this.buffer.slice(0, newline);
      const skip = this.buffer[newline] === '\r' && this.buffer[newline + 1] === '\n' ? 2 : 1;
      this.buffer = this.buffer.slice(newline + skip);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      const message = this.line(line);
      if (message) messages.push(message);
    }
    return messages;
  }

  /** The stream ended: an event without its blank line is still delivered. */
  end(): SseMessage[] {
    const messages = this.buffer ? this.push('\n') : [];
    const last = this.line('');
    return last ? [...messages, last] : messages;
  }

  private nextLineEnd(): number {
    const lf = this.buffer.indexOf('\n');
    const cr = this.buffer.indexOf('\r');
    // A lone \r at the very end may be the first half of \r\n: wait for more.
    if (cr >= 0 && (lf < 0 || cr < lf)) return cr === this.buffer.length - 1 ? -1 : cr;
    return lf;
  }

  private line(line: string): SseMessage | undefined {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return undefined;
      }
      const message: SseMessage = { event: this.event || 'message', data: this.data.join('\n'), ...(this.id !== undefined ? { id: this.id } : {}) };
      this.event = '';
      this.data = [];
      return message;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id') this.id = value;
    return undefined;
  }
}
