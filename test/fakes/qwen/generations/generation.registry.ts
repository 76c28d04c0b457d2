import type { SseResponseWriter } from '../stream/sse-response.writer';

/** One answer Qwen is generating for a chat. */
interface Generation {
  responseId: string;
  /** The stream it is written to, while the client is still reading. */
  writer?: SseResponseWriter;
  /** When a generation whose client hung up ends on its own (epoch ms); unset while streaming. */
  endsAt?: number;
}

/**
 * Generations still running, per chat (audit B5). The real service keeps generating after the
 * client hangs up, and a new message into that chat meanwhile answers "The chat is in
 * progress!", until the generation finishes by itself or `…/completions/stop` ends it.
 */
export class GenerationRegistry {
  private readonly running = new Map<string, Generation>();
  /** Stop calls received, oldest first, for assertions. */
  readonly stops: Array<{ chatId: string; responseId?: string; stoppedRunning: boolean }> = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** Whether a generation of this chat is still running (streaming, or abandoned and not over yet). */
  isRunning(chatId: string): boolean {
    const generation = this.running.get(chatId);
    if (!generation) return false;
    if (generation.endsAt !== undefined && generation.endsAt <= this.now()) {
      this.running.delete(chatId);
      return false;
    }
    return true;
  }

  start(chatId: string, responseId: string, writer: SseResponseWriter): void {
    this.running.set(chatId, { responseId, writer });
  }

  /** The generation's last frame went out: nothing runs on, whenever the client hangs up. */
  finished(chatId: string, responseId: string): void {
    if (this.running.get(chatId)?.responseId === responseId) this.running.delete(chatId);
  }

  /** The stream ended: finished normally, or (when the client hung up) it runs on for `runsOnMs`. */
  streamClosed(chatId: string, responseId: string, clientHungUp: boolean, runsOnMs: number): void {
    const generation = this.running.get(chatId);
    if (!generation || generation.responseId !== responseId) return;
    if (!clientHungUp || runsOnMs <= 0) {
      this.running.delete(chatId);
      return;
    }
    generation.writer = undefined;
    generation.endsAt = this.now() + runsOnMs;
  }

  /** `…/completions/stop`: ends the chat's running generation (its open stream too). */
  stop(chatId: string, responseId?: string): boolean {
    const generation = this.running.get(chatId);
    const stoppedRunning = generation !== undefined && (responseId === undefined || responseId === generation.responseId) && this.isRunning(chatId);
    if (stoppedRunning) {
      this.running.delete(chatId);
      if (generation.writer?.isOpen) generation.writer.end();
    }
    this.stops.push({ chatId, ...(responseId ? { responseId } : {}), stoppedRunning });
    return stoppedRunning;
  }
}
