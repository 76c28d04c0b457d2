import type { ServerResponse } from 'node:http';
import type { FakeQwenState } from '../fake-qwen.state';
import type { StreamPlan } from '../stream/stream-plan';
import { playStream } from '../stream/stream.player';
import { SseResponseWriter } from '../stream/sse-response.writer';
import { onFinishingWrite, writesToFinish } from '../generations/generation-progress';

/** Plays a completion's stream while keeping the fake's counts of open and abandoned streams. */
export async function streamCompletion(
  response: ServerResponse,
  plan: StreamPlan,
  state: FakeQwenState,
  generation: { chatId: string; responseId: string },
): Promise<void> {
  const writer = new SseResponseWriter(response);
  state.openStreams.add(writer);
  // The generation outlives a client that hangs up ("The chat is in progress!" until stopped).
  state.generations.start(generation.chatId, generation.responseId, writer);
  onFinishingWrite(writer, writesToFinish(plan), () => state.generations.finished(generation.chatId, generation.responseId));
  writer.onClose((clientHungUp) => {
    state.openStreams.delete(writer);
    state.generations.streamClosed(generation.chatId, generation.responseId, clientHungUp, state.settings.abandonedGenerationMs);
    if (clientHungUp) {
      state.completionsAborted += 1;
    }
  });
  await playStream(plan, writer, { chunkIntervalMs: state.settings.chunkIntervalMs });
}
