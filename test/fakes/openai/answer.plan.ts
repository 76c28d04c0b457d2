import {
  type AnswerIdentity,
  chunkOf,
  completionOf,
  newToolCallId,
  usageChunkOf,
  usageOf,
} from './completion.builders';
import { evenPieces, piecesOf } from './text-pieces';

/** One answer in both its forms: the chunks of a stream and the JSON of a completion. */
export interface AnswerPlan {
  /** Every `chat.completion.chunk` up to the one with `finish_reason`, included. */
  chunks: Record<string, unknown>[];
  /** The last chunk, with `choices: []`, sent only when the client asked `include_usage`. */
  usageChunk: Record<string, unknown>;
  completion: Record<string, unknown>;
}

export interface TextAnswer {
  text: string;
  chunks?: number | string[];
  reasoning?: string;
  finishReason?: string;
}

export function textAnswerPlan(identity: AnswerIdentity, answer: TextAnswer, prompt: string, includeUsage: boolean): AnswerPlan {
  const usage = usageOf(prompt, answer.text, answer.reasoning);
  const finishReason = answer.finishReason ?? 'stop';
  const reasoningPieces = answer.reasoning ? piecesOf(answer.reasoning) : [];
  // The role opens with an empty content, as OpenAI does (`"content":"","refusal":null`).
  const chunks = [
    chunkOf(identity, { role: 'assistant', content: '', refusal: null }, { includeUsage }),
    ...reasoningPieces.map((piece) => chunkOf(identity, { reasoning_content: piece }, { includeUsage })),
    ...piecesOf(answer.text, answer.chunks).map((piece) => chunkOf(identity, { content: piece }, { includeUsage })),
    chunkOf(identity, {}, { finishReason, includeUsage }),
  ];
  const message: Record<string, unknown> = { content: answer.text };
  if (answer.reasoning) message['reasoning_content'] = answer.reasoning;
  return { chunks, usageChunk: usageChunkOf(identity, usage), completion: completionOf(identity, message, finishReason, usage) };
}

export interface ToolCallsAnswer {
  calls: { name: string; arguments: string | Record<string, unknown> }[];
}

/**
 * Tool calls the way OpenAI streams them: the role comes with the first call; each call opens
 * with its index, id, type and name and empty arguments; then argument fragments carrying only
 * the index; then an empty delta with `finish_reason: "tool_calls"`.
 */
export function toolCallsPlan(identity: AnswerIdentity, answer: ToolCallsAnswer, prompt: string, includeUsage: boolean): AnswerPlan {
  const calls = answer.calls.map((call) => ({
    id: newToolCallId(),
    name: call.name,
    arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
  }));
  const usage = usageOf(prompt, calls.map((call) => call.name + call.arguments).join(''));
  const chunks: Record<string, unknown>[] = [];
  calls.forEach((call, index) => {
    const opening = { index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } };
    const delta = index === 0 ? { role: 'assistant', content: null, tool_calls: [opening], refusal: null } : { tool_calls: [opening] };
    chunks.push(chunkOf(identity, delta, { includeUsage }));
    for (const fragment of evenPieces(call.arguments, Math.ceil(call.arguments.length / 6))) {
      chunks.push(chunkOf(identity, { tool_calls: [{ index, function: { arguments: fragment } }] }, { includeUsage }));
    }
  });
  chunks.push(chunkOf(identity, {}, { finishReason: 'tool_calls', includeUsage }));
  const message = {
    content: null,
    tool_calls: calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
  };
  return { chunks, usageChunk: usageChunkOf(identity, usage), completion: completionOf(identity, message, 'tool_calls', usage) };
}
