import type { ScriptedAnswer } from './scripted-answer';

/** The FIFO of answers scripted by a test; empty means "use the default answer". */
export class AnswerScriptQueue {
  private readonly answers: ScriptedAnswer[] = [];

  enqueue(...answers: ScriptedAnswer[]): void {
    this.answers.push(...answers);
  }

  /** Takes the next scripted answer, if any. */
  take(): ScriptedAnswer | undefined {
    return this.answers.shift();
  }

  get pending(): number {
    return this.answers.length;
  }

  clear(): void {
    this.answers.length = 0;
  }
}
