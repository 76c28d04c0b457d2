import { z } from 'zod';
import { lenient, matchingItems } from './internal/lenient-schema';

/*
 * What OpenAI-compatible servers send, validated leniently (style.md, after the Vercel AI SDK's
 * openai-compatible provider): every field is optional, a field of the wrong type reads as
 * absent instead of failing its chunk, and unknown fields are dropped. A `delta` of a chunk and
 * the `message` of a whole completion share one schema, so that a non-streamed answer can be
 * read by the same stream state as a streamed one.
 */

/** `content` is a string for OpenAI; Mistral's reasoning models send a list of typed parts. */
const contentSchema = z.union([
  z.string(),
  matchingItems(z.object({ type: lenient(z.string()), text: z.string() })).transform((parts) =>
    parts.filter((part) => part.type === undefined || part.type === 'text').map((part) => part.text).join(''),
  ),
]);

/** JSON text as OpenAI sends it; some local servers send the parsed object instead. */
const argumentsSchema = z.union([z.string(), z.record(z.string(), z.unknown()).transform((value) => JSON.stringify(value))]);

const toolCallDeltaSchema = z.object({
  index: lenient(z.number().int().nonnegative()),
  id: lenient(z.string()),
  type: lenient(z.string()),
  function: lenient(z.object({ name: lenient(z.string()), arguments: lenient(argumentsSchema) })),
});
export type OpenAiToolCallDelta = z.output<typeof toolCallDeltaSchema>;

export const openAiMessageDeltaSchema = z.object({
  role: lenient(z.string()),
  content: lenient(contentSchema),
  /** DeepSeek, DashScope (Qwen), vLLM before 0.9. */
  reasoning_content: lenient(z.string()),
  /** OpenRouter, Ollama, LM Studio, newer vLLM. */
  reasoning: lenient(z.string()),
  refusal: lenient(z.string()),
  tool_calls: lenient(matchingItems(toolCallDeltaSchema)),
  /** The deprecated `functions` API, still answered by some servers. */
  function_call: lenient(z.object({ name: lenient(z.string()), arguments: lenient(argumentsSchema) })),
  /** `url_citation`s (OpenAI search models, OpenRouter's web plugin); read item by item. */
  annotations: lenient(z.array(z.unknown())),
});
export type OpenAiMessageDelta = z.output<typeof openAiMessageDeltaSchema>;

export const openAiUsageSchema = z.object({
  prompt_tokens: lenient(z.number()),
  completion_tokens: lenient(z.number()),
  total_tokens: lenient(z.number()),
  completion_tokens_details: lenient(z.object({ reasoning_tokens: lenient(z.number()) })),
});
export type OpenAiUsage = z.output<typeof openAiUsageSchema>;

/** `{"error":{…}}` in a body or mid-stream; OpenRouter's `code` is the HTTP status as a number. */
export const openAiErrorSchema = z.union([
  z.string().transform((message) => ({ message, code: undefined, type: undefined, param: undefined, status: undefined })),
  z.object({
    message: lenient(z.string()),
    code: lenient(z.union([z.string(), z.number()])),
    type: lenient(z.string()),
    param: lenient(z.string()),
    status: lenient(z.number()),
  }),
]);
export type OpenAiError = z.output<typeof openAiErrorSchema>;

/** What every chunk and completion may carry besides its choices. */
const answerFields = {
  id: lenient(z.string()),
  model: lenient(z.string()),
  usage: lenient(openAiUsageSchema),
  /** Perplexity: the URLs consulted, as strings (repeated on every chunk). */
  citations: lenient(z.array(z.unknown())),
  /** Perplexity: the same, with titles. */
  search_results: lenient(z.array(z.unknown())),
  error: lenient(openAiErrorSchema),
};

export const openAiChunkSchema = z.object({
  ...answerFields,
  choices: lenient(
    matchingItems(
      z.object({
        index: lenient(z.number()),
        delta: lenient(openAiMessageDeltaSchema),
        finish_reason: lenient(z.string()),
      }),
    ),
  ),
});
/** One `chat.completion.chunk`, or anything an OpenAI-compatible server streams in its place. */
export type OpenAiChunk = z.output<typeof openAiChunkSchema>;

export const openAiCompletionSchema = z.object({
  ...answerFields,
  choices: lenient(
    matchingItems(
      z.object({
        index: lenient(z.number()),
        message: lenient(openAiMessageDeltaSchema),
        finish_reason: lenient(z.string()),
      }),
    ),
  ),
});
/** One non-streamed `chat.completion`. */
export type OpenAiCompletion = z.output<typeof openAiCompletionSchema>;
