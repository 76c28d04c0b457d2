import { randomUUID } from 'node:crypto';
import type { ChatEvent, ToolCall, ToolChoice } from '@qwen-proxy/contracts';
import { type ParsedAnswerPart, ToolCallStreamParser } from './tool-call-stream.parser';
import type { ToolCallProblem, ToolCallValidator } from './tool-call.validator';

/** What to do once an answer (or its repair) has ended. */
export type ToolAnswerVerdict =
  /** Use the answer as it is: its calls (finish `tool-calls`) or its text (finish `stop`). */
  | { kind: 'complete' }
  /** Ask the model again, in the same chat, with this message. */
  | { kind: 'repair'; problems: ToolCallProblem[]; missingCall?: ToolChoice }
  /** The repair did not help either. */
  | { kind: 'failed'; problems: ToolCallProblem[]; missingCall?: ToolChoice };

export function newToolCallId(): string {
  return `call_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

/**
 * The answer of a turn that offers tools, delta by delta: text passes through as it streams,
 * each call block becomes `tool-call-start`/`-delta`/`-end` once it is complete and valid, and
 * what was wrong is kept for the repair turn. No RxJS; the turn feeds it and forwards the events.
 */
export class ToolAnswerState {
  private parser: ToolCallStreamParser;
  private readonly madeCalls: ToolCall[] = [];
  private problems: ToolCallProblem[] = [];
  private answerText = '';
  private repairing = false;
  /** The repair answer's first words start a new paragraph after the first answer's. */
  private separateNextText = false;

  constructor(
    private readonly validator: ToolCallValidator,
    private readonly choice: Exclude<ToolChoice, 'none'>,
    private readonly newId: () => string = newToolCallId,
  ) {
    this.parser = this.newParser();
  }

  /** The text sent to the client so far (calls excluded). */
  get text(): string {
    return this.answerText;
  }

  get calls(): readonly ToolCall[] {
    return this.madeCalls;
  }

  push(text: string): ChatEvent[] {
    return this.parser.push(text).flatMap((part) => this.handle(part));
  }

  end(): ChatEvent[] {
    return this.parser.end().flatMap((part) => this.handle(part));
  }

  /** What the answer that just ended calls for. Call after `end()`. */
  verdict(): ToolAnswerVerdict {
    const missingCall = this.madeCalls.length === 0 && this.choice !== 'auto' ? this.choice : undefined;
    // With `auto`, a repair answered in words (no broken call) is an answer: the model chose not to call.
    if (this.problems.length === 0 && !missingCall) return { kind: 'complete' };
    const problems = [...this.problems];
    return this.repairing ? { kind: 'failed', problems, missingCall } : { kind: 'repair', problems, missingCall };
  }

  /** Reads the repair answer next: calls made so far stay, new ones continue their indexes. */
  beginRepair(): void {
    this.parser = this.newParser();
    this.problems = [];
    this.repairing = true;
    this.separateNextText = this.answerText.length > 0;
  }

  /**
   * Qwen models drift to their native `<tool_call>{…}</tool_call>` or a ```json block. Either is
   * taken as a call only when unambiguous: exactly `{"name", "arguments"}` (an object), a declared
   * tool, arguments valid against its schema. Anything else in such a block stays text, so an
   * answer about XML, JSON or tool calling passes through unchanged.
   */
  private newParser(): ToolCallStreamParser {
    return new ToolCallStreamParser((body) => isBareCall(body) && this.validator.check(body).valid);
  }

  private handle(part: ParsedAnswerPart): ChatEvent[] {
    if (part.type === 'text') {
      const text = this.separateNextText ? `\n\n${part.text}` : part.text;
      this.separateNextText = false;
      this.answerText += text;
      return [{ type: 'text-delta', text }];
    }
    if (!part.complete) {
      this.problems.push({ reason: 'the answer ended inside a tool_call block: close it with a line of three backticks' });
      return [];
    }
    const verdict = this.validator.check(part.body);
    if (!verdict.valid) {
      this.problems.push(verdict.problem);
      return [];
    }
    const index = this.madeCalls.length;
    const call: ToolCall = { id: this.newId(), name: verdict.call.name, arguments: verdict.call.arguments };
    this.madeCalls.push(call);
    return [
      { type: 'tool-call-start', index, id: call.id, name: call.name },
      { type: 'tool-call-delta', index, argumentsDelta: call.arguments },
      { type: 'tool-call-end', index },
    ];
  }
}

function isBareCall(body: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return false;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
  const keys = Object.keys(parsed);
  const callArguments = (parsed as Record<string, unknown>)['arguments'];
  return keys.length === 2 && keys.includes('name') && keys.includes('arguments') && typeof callArguments === 'object' && callArguments !== null && !Array.isArray(callArguments);
}
