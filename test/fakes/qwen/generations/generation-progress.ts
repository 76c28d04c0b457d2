import type { StreamPlan } from '../stream/stream-plan';
import type { SseResponseWriter } from '../stream/sse-response.writer';

/**
 * How many writes of a planned stream complete the generation: every frame and comment up to
 * the last `finished` frame. A client that hangs up after that (proxies stop reading at the
 * answer's end) leaves nothing running upstream; one that hangs up before leaves a generation
 * that runs on. Undefined when the plan never finishes (a hang, a cut) or is written in pieces.
 */
export function writesToFinish(plan: StreamPlan): number | undefined {
  if (plan.delivery.mode !== 'frames') return undefined;
  let writes = 0;
  let finishedAt: number | undefined;
  for (const step of plan.steps) {
    if (step.kind === 'wait') continue;
    writes += 1;
    if (step.kind === 'frame' && 'choices' in step.frame && step.frame.choices.some((choice) => choice.delta?.status === 'finished')) {
      finishedAt = writes;
    }
  }
  return finishedAt;
}

/** An SSE writer that calls back once the write completing the generation went out. */
export function onFinishingWrite(writer: SseResponseWriter, writesNeeded: number | undefined, finished: () => void): void {
  if (writesNeeded === undefined) return;
  let writes = 0;
  const write = writer.write.bind(writer);
  writer.write = async (bytes: Buffer) => {
    const wasOpen = writer.isOpen;
    await write(bytes);
    if (wasOpen && bytes.length > 0 && (writes += 1) === writesNeeded) finished();
  };
}
