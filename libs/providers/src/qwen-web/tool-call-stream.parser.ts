import { toolCallOpener } from './tool-call-markup';

/** What the parser makes of an answer: text to show, or the body of one call block. */
export type ParsedAnswerPart =
  | { type: 'text'; text: string }
  /** The text between the opener line and the closing fence; `complete` is false when the answer ended inside the block. */
  | { type: 'call'; body: string; complete: boolean };

const openerLine = /^```tool_call[ \t]*\r?\n/;
const closingFence = /\r?\n[ \t]*```/;

/**
 * Forms models write instead of the protocol's block (Qwen's own training format, or a JSON code
 * block). They also occur in ordinary answers (about XML, about Qwen, about JSON), so such a block
 * is a call only when the `accept` test says so (a declared tool, schema-valid arguments, nothing
 * else) and nothing but whitespace or more calls follows it to the end of the answer: a model
 * that drifts calls and stops, an answer that shows the format goes on talking. Once one such
 * block went out as text, the rest of the answer is read as text too (it is about the format).
 * Only the blocks are held back, never the text before them.
 */
interface LenientForm {
  opener: RegExp;
  /** Everything the opener may still grow into, for holding back a line that could open one. */
  openerText: string;
  closer: RegExp;
}
const lenientForms: readonly LenientForm[] = [
  { opener: /^<tool_call>/, openerText: '<tool_call>', closer: /<\/tool_call>/ },
  { opener: /^```json[ \t]*\r?\n/, openerText: '```json', closer: closingFence },
];

/** Says whether the body of a lenient block is a call (see `lenientForms`). */
export type LenientCallTest = (body: string) => boolean;

/**
 * Splits a streamed answer into text and tool-call blocks (`tool-call-markup.ts`). Text goes out
 * as soon as it cannot be the start of a call block; only an ambiguous end of line is held back.
 * Whitespace is held back too until more text follows, so the spaces around a call never reach
 * the client as an answer of its own. No RxJS: `push` each delta, `end` once.
 */
export class ToolCallStreamParser {
  private buffer = '';
  private mode: 'text' | 'call' | 'lenient' = 'text';
  /** The lenient form being read, and its opener as written (for giving it back as text). */
  private lenient?: { form: LenientForm; opener: string };
  /** Whether `buffer[0]` begins a line (the answer's start, or right after a newline or a call). */
  private atLineStart = true;
  /** Whitespace seen after the last text sent, sent only if more text follows. */
  private heldWhitespace = '';
  private textSent = false;
  /** A call block was just read: the text after it starts a new paragraph. */
  private afterCall = false;

  /** Lenient blocks that are calls if only whitespace or calls follow them (`lenientForms`). */
  private pendingLenient: { raw: string; body: string }[] = [];
  /** Whitespace after a pending lenient block, part of its text if it turns out not to be a call. */
  private pendingWhitespace = '';
  /** A lenient block went out as text: later ones in this answer are text too. */
  private showingFormat = false;

  /** Without `acceptLenient`, only the protocol's block is a call. */
  constructor(private readonly acceptLenient?: LenientCallTest) {}

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
      const progressed = this.mode === 'text' ? this.drainText(final, parts) : this.mode === 'call' ? this.drainCall(final, parts) : this.drainLenient(final, parts);
      if (!progressed) break;
    }
    if (final) this.resolvePending(true, parts);
    return parts;
  }

  /** Pending lenient blocks become calls (only calls or the end followed them) or text (text did). */
  private resolvePending(asCalls: boolean, parts: ParsedAnswerPart[]): void {
    if (this.pendingLenient.length === 0) return;
    const pending = this.pendingLenient;
    this.pendingLenient = [];
    if (asCalls) {
      for (const block of pending) parts.push({ type: 'call', body: block.body, complete: true });
      this.pendingWhitespace = '';
      this.heldWhitespace = '';
      this.afterCall = true;
      return;
    }
    this.showingFormat = true;
    const raw = pending.map((block) => block.raw).join('') + this.pendingWhitespace;
    this.pendingWhitespace = '';
    this.emitText(raw, parts);
  }

  /** Text of the answer: after pending lenient blocks, whitespace waits with them and words make them text. */
  private text(text: string, parts: ParsedAnswerPart[]): void {
    if (this.pendingLenient.length && /^\s*$/.test(text)) {
      this.pendingWhitespace += text;
      return;
    }
    this.resolvePending(false, parts);
    this.emitText(text, parts);
  }

  /** Returns true when it switched to a call, so the caller loops. */
  private drainText(final: boolean, parts: ParsedAnswerPart[]): boolean {
    for (const start of this.lineStarts()) {
      const rest = this.buffer.slice(start);
      const opener = openerLine.exec(rest);
      if (opener) {
        this.text(this.buffer.slice(0, start), parts);
        this.resolvePending(true, parts);
        this.heldWhitespace = '';
        this.afterCall = true;
        this.buffer = rest.slice(opener[0].length);
        this.mode = 'call';
        return true;
      }
      const lenient = this.acceptLenient && !this.showingFormat ? lenientForms.find((form) => form.opener.test(rest)) : undefined;
      if (lenient) {
        // Held, not dropped: if it is no call, it goes out as text with the whitespace before it.
        this.text(this.buffer.slice(0, start), parts);
        this.buffer = rest;
        this.atLineStart = true;
        // The text just sent may have shown a pending block to be an example: then this one is text too.
        if (this.showingFormat) return true;
        const opener = lenient.opener.exec(rest)![0];
        this.lenient = { form: lenient, opener };
        this.buffer = rest.slice(opener.length);
        this.mode = 'lenient';
        return true;
      }
      if (!final && (couldBecomeOpener(rest) || (this.acceptLenient !== undefined && !this.showingFormat && couldBecomeLenientOpener(rest)))) {
        this.text(this.buffer.slice(0, start), parts);
        this.buffer = rest;
        this.atLineStart = true;
        return false;
      }
    }
    this.text(this.buffer, parts);
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

  private drainLenient(final: boolean, parts: ParsedAnswerPart[]): boolean {
    const { form, opener } = this.lenient!;
    const closing = form.closer.exec(this.buffer);
    if (!closing && !final) return false;
    const body = (closing ? this.buffer.slice(0, closing.index) : this.buffer).trim();
    const raw = opener + (closing ? this.buffer.slice(0, closing.index + closing[0].length) : this.buffer);
    this.buffer = closing ? this.buffer.slice(closing.index + closing[0].length) : '';
    this.mode = 'text';
    this.lenient = undefined;
    this.atLineStart = raw.endsWith('\n');
    if (closing && this.acceptLenient!(body)) {
      // A call only if nothing but whitespace or calls follows: decided by what comes next.
      this.pendingLenient.push({ raw: this.pendingWhitespace + raw, body });
      this.pendingWhitespace = '';
      return true;
    }
    // Not a call: the block is text, exactly as written, and so is every later one.
    this.resolvePending(false, parts);
    this.showingFormat = true;
    this.emitText(raw, parts);
    return true;
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

/** Could this line, once more text arrives, turn out to open a lenient block? */
function couldBecomeLenientOpener(line: string): boolean {
  return lenientForms.some((form) => {
    if (line.length <= form.openerText.length) return form.openerText.startsWith(line);
    return form.openerText === '```json' && line.startsWith('```json') && /^[ \t]*\r?$/.test(line.slice(form.openerText.length));
  });
}

/** Could this line, once more text arrives, turn out to open a call block? */
function couldBecomeOpener(line: string): boolean {
  if (line.length <= toolCallOpener.length) return toolCallOpener.startsWith(line);
  return line.startsWith(toolCallOpener) && /^[ \t]*\r?$/.test(line.slice(toolCallOpener.length));
}
