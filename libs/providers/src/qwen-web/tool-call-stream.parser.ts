import { toolCallOpener } from './tool-call-markup';

/** What the parser makes of an answer: text to show, or the body of one call block. */
export type ParsedAnswerPart =
  | { type: 'text'; text: string }
  /** The text between the opener line and the closing fence; `complete` is false when the answer ended inside the block. */
  | { type: 'call'; body: string; complete: boolean };

const openerLine = /^```tool_call[ \t]*\r?\n/;
const closingFence = /\r?\n[ \t]*```/;

/**
 * Splits a streamed answer into text and tool-call blocks (`tool-call-markup.ts`). Text goes out
 * as soon as it cannot be the start of a call block; only an ambiguous end of line is held back.
 * Whitespace is held back too until more text follows, so the spaces around a call never reach
 * the client as an answer of its own. No RxJS: `push` each delta, `end` once.
 */
export class ToolCallStreamParser {
  private buffer = '';
  private mode: 'text' | 'call' = 'text';
  /** Whether `buffer[0]` begins a line (the answer's start, or right after a newline or a call). */
  private atLineStart = true;
  /** Whitespace seen after the last text sent, sent only if more text follows. */
  private heldWhitespace = '';
  private textSent = false;
  /** A call block was just read: the text after it starts a new paragraph. */
  private afterCall = false;

  push(text: string): ParsedAnswerPart[] {
    this.buffer += text;
    return this.drain(false);
  }

  end(): ParsedAnswerPart[] {
    return this.drain(true);
  }

  private drain(final: boolean): ParsedAnswerPart[] {
    const parts: ParsedAnswerPart[] = [];
    for (;;) {
      const progressed = this.mode === 'text' ? this.drainText(final, parts) : this.drainCall(final, parts);
      if (!progressed) break;
    }
    return parts;
  }

  /** Returns true when it switched to a call, so the caller loops. */
  private drainText(final: boolean, parts: ParsedAnswerPart[]): boolean {
    for (const start of this.lineStarts()) {
      const rest = this.buffer.slice(start);
      const opener = openerLine.exec(rest);
      if (opener) {
        this.emitText(this.buffer.slice(0, start), parts);
        this.heldWhitespace = '';
        this.afterCall = true;
        this.buffer = rest.slice(opener[0].length);
        this.mode = 'call';
        return true;
      }
      if (!final && couldBecomeOpener(rest)) {
        this.emitText(this.buffer.slice(0, start), parts);
        this.buffer = rest;
        this.atLineStart = true;
        return false;
      }
    }
    this.emitText(this.buffer, parts);
    if (this.buffer.length > 0) this.atLineStart = this.buffer.endsWith('\n');
    this.buffer = '';
    return false;
  }

  private drainCall(final: boolean, parts: ParsedAnswerPart[]): boolean {
    // JSON strings cannot hold a raw newline, so the first newline-fence ends the block.
    const closing = closingFence.exec(this.buffer);
    if (closing) {
      parts.push({ type: 'call', body: this.buffer.slice(0, closing.index), complete: true });
      this.buffer = this.buffer.slice(closing.index + closing[0].length).replace(/^[ \t]*\r?\n?/, '');
      this.mode = 'text';
      this.atLineStart = true;
      return true;
    }
    if (final) {
      parts.push({ type: 'call', body: this.buffer, complete: false });
      this.buffer = '';
    }
    return false;
  }

  /** Offsets in the buffer where a line begins, in order. */
  private *lineStarts(): Generator<number> {
    if (this.atLineStart) yield 0;
    for (let index = this.buffer.indexOf('\n'); index !== -1; index = this.buffer.indexOf('\n', index + 1)) {
      yield index + 1;
    }
  }

  private emitText(text: string, parts: ParsedAnswerPart[]): void {
    if (this.afterCall) {
      text = text.replace(/^\s+/, '');
      if (!text) return;
      this.afterCall = false;
      this.heldWhitespace = this.textSent ? '\n\n' : '';
    }
    if (!text) return;
    const combined = this.heldWhitespace + text;
    const trailing = /\s*$/.exec(combined)![0];
    const body = combined.slice(0, combined.length - trailing.length);
    this.heldWhitespace = trailing;
    if (!body) return;
    // Leading whitespace of the whole answer (or left over after a call at its start) is dropped.
    const shown = this.textSent ? body : body.replace(/^\s+/, '');
    if (!shown) return;
    this.textSent = true;
    parts.push({ type: 'text', text: shown });
  }
}

/** Could this line, once more text arrives, turn out to open a call block? */
function couldBecomeOpener(line: string): boolean {
  if (line.length <= toolCallOpener.length) return toolCallOpener.startsWith(line);
  return line.startsWith(toolCallOpener) && /^[ \t]*\r?$/.test(line.slice(toolCallOpener.length));
}
