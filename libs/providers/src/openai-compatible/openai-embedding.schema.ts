import { z } from 'zod';
import type { TokenUsage } from '@qwen-proxy/contracts';
import { lenient } from './internal/lenient-schema';

/**
 * What an embeddings answer must have to be one: a `data` list of objects. Everything else
 * (`object`, `model`, each item's `embedding`, which is a number list or base64 text) is passed
 * to the client untouched, so it is not checked here.
 */
export const openAiEmbeddingListSchema = z.object({
  data: z.array(z.record(z.string(), z.unknown())),
  usage: lenient(
    z.object({
      prompt_tokens: lenient(z.number().int().nonnegative()),
      total_tokens: lenient(z.number().int().nonnegative()),
    }),
  ),
});

export type OpenAiEmbeddingList = z.output<typeof openAiEmbeddingListSchema>;

/** The answer's usage in the gateway's words: input tokens only; undefined when it counts none. */
export function embeddingUsageOf(list: OpenAiEmbeddingList): TokenUsage | undefined {
  const input = list.usage?.prompt_tokens;
  const total = list.usage?.total_tokens;
  if (input === undefined && total === undefined) return undefined;
  const inputTokens = input ?? total ?? 0;
  return { inputTokens, outputTokens: 0, totalTokens: total ?? inputTokens };
}
