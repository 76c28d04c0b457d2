import {
  asRecord,
  type JsonRecord,
  matchingItems,
  optionalArray,
  optionalInteger,
  optionalNumber,
  optionalString,
} from '@qwen-proxy/contracts';

/*
 * What OpenAI-compatible servers send, read leniently (style.md, after the Vercel AI SDK's
 * openai-compatible provider): every field is optional, a field that is missing, null or of the
 * wrong type reads as undefined instead of failing its chunk, and unknown fields are dropped. A
 * `delta` of a chunk and the `message` of a whole completion share one reader, so that a
 * non-streamed answer can be read by the same stream state as a streamed one.
 *
 * Hand-written readers, not zod schemas: they run for every streamed chunk, where the schemas
 * cost most of the gateway's CPU. Every object they return has all of its keys, undefined when
 * absent, so it has the shape its type declares.
 */

/** `function` of a tool call, and the deprecated `function_call` of a message. */
export interface OpenAiFunctionCallDelta {
  name: string | undefined;
  /** JSON text as OpenAI sends it; some local servers send the parsed object, re-serialised here. */
  arguments: string | undefined;
}

export interface OpenAiToolCallDelta {
  /** Which call the delta continues; a non-negative integer, or undefined. */
  index: number | undefined;
  id: string | undefined;
  type: string | undefined;
  function: OpenAiFunctionCallDelta | undefined;
}

export interface OpenAiMessageDelta {
  role: string | undefined;
  /** Mistral's reasoning models send a list of typed parts: its text parts, joined. */
  content: string | undefined;
  /** DeepSeek, DashScope (Qwen), vLLM before 0.9. */
  reasoning_content: string | undefined;
  /** OpenRouter, Ollama, LM Studio, newer vLLM. */
  reasoning: string | undefined;
  refusal: string | undefined;
  tool_calls: OpenAiToolCallDelta[] | undefined;
  /** The deprecated `functions` API, still answered by some servers. */
  function_call: OpenAiFunctionCallDelta | undefined;
  /** `url_citation`s (OpenAI search models, OpenRouter's web plugin); read item by item later. */
  annotations: unknown[] | undefined;
}

export interface OpenAiUsage {
  prompt_tokens: number | undefined;
  completion_tokens: number | undefined;
  total_tokens: number | undefined;
  completion_tokens_details: { reasoning_tokens: number | undefined } | undefined;
}

/** `{"error":{…}}` in a body or mid-stream; OpenRouter's `code` is the HTTP status as a number. */
export interface OpenAiError {
  message: string | undefined;
  code: string | number | undefined;
  type: string | undefined;
  param: string | undefined;
  status: number | undefined;
}

/** What every chunk and completion may carry besides its choices. */
interface OpenAiAnswerFields {
  id: string | undefined;
  model: string | undefined;
  usage: OpenAiUsage | undefined;
  /** Perplexity: the URLs consulted, as strings (repeated on every chunk). */
  citations: unknown[] | undefined;
  /** Perplexity: the same, with titles. */
  search_results: unknown[] | undefined;
  error: OpenAiError | undefined;
}

export interface OpenAiChunkChoice {
  index: number | undefined;
  delta: OpenAiMessageDelta | undefined;
  finish_reason: string | undefined;
}

/** One `chat.completion.chunk`, or anything an OpenAI-compatible server streams in its place. */
export interface OpenAiChunk extends OpenAiAnswerFields {
  choices: OpenAiChunkChoice[] | undefined;
}

export interface OpenAiCompletionChoice {
  index: number | undefined;
  message: OpenAiMessageDelta | undefined;
  finish_reason: string | undefined;
}

/** One non-streamed `chat.completion`. */
export interface OpenAiCompletion extends OpenAiAnswerFields {
  choices: OpenAiCompletionChoice[] | undefined;
}

/** A chunk; undefined only when the value is no JSON object at all (`"[DONE]"`, null, an array). */
export function readOpenAiChunk(value: unknown): OpenAiChunk | undefined {
  const chunk = asRecord(value);
  return chunk && readAnswer(chunk, readChunkChoice);
}

/** A completion; undefined only when the value is no JSON object at all. */
export function readOpenAiCompletion(value: unknown): OpenAiCompletion | undefined {
  const completion = asRecord(value);
  return completion && readAnswer(completion, readCompletionChoice);
}

/** An error given as an object, or as a bare message; undefined for anything else. */
export function readOpenAiError(value: unknown): OpenAiError | undefined {
  if (typeof value === 'string') return { message: value, code: undefined, type: undefined, param: undefined, status: undefined };
  const error = asRecord(value);
  if (error === undefined) return undefined;
  return {
    message: optionalString(error.message),
    code: optionalString(error.code) ?? optionalNumber(error.code),
    type: optionalString(error.type),
    param: optionalString(error.param),
    status: optionalNumber(error.status),
  };
}

export function readOpenAiUsage(value: unknown): OpenAiUsage | undefined {
  const usage = asRecord(value);
  if (usage === undefined) return undefined;
  const details = asRecord(usage.completion_tokens_details);
  return {
    prompt_tokens: optionalNumber(usage.prompt_tokens),
    completion_tokens: optionalNumber(usage.completion_tokens),
    total_tokens: optionalNumber(usage.total_tokens),
    completion_tokens_details: details && { reasoning_tokens: optionalNumber(details.reasoning_tokens) },
  };
}

export function readOpenAiMessageDelta(value: unknown): OpenAiMessageDelta | undefined {
  const delta = asRecord(value);
  if (delta === undefined) return undefined;
  return {
    role: optionalString(delta.role),
    content: readContent(delta.content),
    reasoning_content: optionalString(delta.reasoning_content),
    reasoning: optionalString(delta.reasoning),
    refusal: optionalString(delta.refusal),
    tool_calls: matchingItems(delta.tool_calls, readToolCallDelta),
    function_call: readFunctionCallDelta(delta.function_call),
    annotations: optionalArray(delta.annotations),
  };
}

/**
 * A chunk or a completion, which differ in their choices only. One object literal rather than
 * the shared fields spread into each: the spread doubled the cost of reading a chunk.
 */
function readAnswer<Choice>(
  answer: JsonRecord,
  readChoice: (value: unknown) => Choice | undefined,
): OpenAiAnswerFields & { choices: Choice[] | undefined } {
  return {
    id: optionalString(answer.id),
    model: optionalString(answer.model),
    usage: readOpenAiUsage(answer.usage),
    citations: optionalArray(answer.citations),
    search_results: optionalArray(answer.search_results),
    error: readOpenAiError(answer.error),
    choices: matchingItems(answer.choices, readChoice),
  };
}

function readChunkChoice(value: unknown): OpenAiChunkChoice | undefined {
  const choice = asRecord(value);
  if (choice === undefined) return undefined;
  return {
    index: optionalNumber(choice.index),
    delta: readOpenAiMessageDelta(choice.delta),
    finish_reason: optionalString(choice.finish_reason),
  };
}

function readCompletionChoice(value: unknown): OpenAiCompletionChoice | undefined {
  const choice = asRecord(value);
  if (choice === undefined) return undefined;
  return {
    index: optionalNumber(choice.index),
    message: readOpenAiMessageDelta(choice.message),
    finish_reason: optionalString(choice.finish_reason),
  };
}

/** A string for OpenAI; a list of typed parts for Mistral's reasoning models, whose text parts are joined. */
function readContent(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return matchingItems(value, readTextOfPart)?.join('');
}

/** A part's text, when it is a text part; a part without a (string) `type` counts as text. */
function readTextOfPart(value: unknown): string | undefined {
  const part = asRecord(value);
  if (part === undefined || typeof part.text !== 'string') return undefined;
  const type = optionalString(part.type);
  return type === undefined || type === 'text' ? part.text : undefined;
}

function readToolCallDelta(value: unknown): OpenAiToolCallDelta | undefined {
  const call = asRecord(value);
  if (call === undefined) return undefined;
  const index = optionalInteger(call.index);
  return {
    index: index !== undefined && index >= 0 ? index : undefined,
    id: optionalString(call.id),
    type: optionalString(call.type),
    function: readFunctionCallDelta(call.function),
  };
}

function readFunctionCallDelta(value: unknown): OpenAiFunctionCallDelta | undefined {
  const call = asRecord(value);
  if (call === undefined) return undefined;
  return { name: optionalString(call.name), arguments: readArguments(call.arguments) };
}

/** JSON text as OpenAI sends it; some local servers send the parsed object instead, serialised back here. */
function readArguments(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const object = asRecord(value);
  return object === undefined ? undefined : JSON.stringify(object);
}
