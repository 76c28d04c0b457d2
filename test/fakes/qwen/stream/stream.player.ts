import { setTimeout as sleep } from 'node:timers/promises';
import { splitBytesOddly } from './byte-splitter';
import { seededRandom } from './seeded-random';
import { encodeStep } from './sse-encoding';
import type { StreamPlan } from './stream-plan';
import type { SseResponseWriter } from './sse-response.writer';

/** Pacing of a played stream. */
export interface PlaybackOptions {
  /** Pause between two writes; 0 still yields to the event loop so hang-ups are noticed. */
  chunkIntervalMs: number;
}

// Pieces of a split stream need a real pause between them, or the kernel would glue them back together.
const SPLIT_PIECE_INTERVAL_MS = 1;

/** Plays a planned stream onto a response; stops quietly as soon as the client is gone. */
export async function playStream(plan: StreamPlan, writer: SseResponseWriter, options: PlaybackOptions): Promise<void> {
  if (plan.firstByteDelayMs > 0) {
    await sleep(plan.firstByteDelayMs);
  }
  if (!writer.isOpen) {
    return;
  }
  writer.sendHeaders();

  if (plan.delivery.mode === 'split-bytes') {
    const whole = Buffer.concat(plan.steps.map(encodeStep));
    const interval = Math.max(SPLIT_PIECE_INTERVAL_MS, options.chunkIntervalMs);
    for (const piece of splitBytesOddly(whole, seededRandom(plan.delivery.seed))) {
      if (!writer.isOpen) {
        return;
      }
      await writer.write(piece);
      await pause(interval);
    }
  } else {
    for (const step of plan.steps) {
      if (!writer.isOpen) {
        return;
      }
      if (step.kind === 'wait') {
        await sleep(step.milliseconds);
        continue;
      }
      await writer.write(encodeStep(step));
      await pause(options.chunkIntervalMs);
    }
  }

  if (!writer.isOpen) {
    return;
  }
  if (plan.ending === 'close') {
    writer.end();
  } else if (plan.ending === 'destroy') {
    writer.destroy();
  }
  // 'hold-open': the stream stays open until the client hangs up or the fake shuts down.
}

function pause(milliseconds: number): Promise<void> {
  return milliseconds > 0 ? sleep(milliseconds) : new Promise((resolve) => setImmediate(resolve));
}
