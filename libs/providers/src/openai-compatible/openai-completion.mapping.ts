import type { OpenAiChunk, OpenAiCompletion } from './openai-chunk.schema';

/**
 * A whole `chat.completion` as the one chunk that would carry all of it, so the stream state
 * reads non-streamed answers too: one mapping, whichever way the upstream answered. Tool calls
 * in a message have no `index`; their position is it.
 */
export function chunkOfCompletion(completion: OpenAiCompletion): OpenAiChunk {
  return {
    id: completion.id,
    model: completion.model,
    usage: completion.usage,
    citations: completion.citations,
    search_results: completion.search_results,
    error: completion.error,
    choices: completion.choices?.map((choice) => ({
      index: choice.index,
      finish_reason: choice.finish_reason,
      delta: choice.message && {
        ...choice.message,
        tool_calls: choice.message.tool_calls?.map((call, position) => ({ ...call, index: call.index ?? position })),
      },
    })),
  };
}
