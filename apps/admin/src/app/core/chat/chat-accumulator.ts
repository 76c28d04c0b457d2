/** Builds an assistant turn from OpenAI chat-completion chunks as they stream in. Pure. */

export interface ToolCallView {
  index: number;
  id: string | null;
  name: string;
  arguments: string;
}

export interface AssistantTurn {
  content: string;
  reasoning: string;
  toolCalls: ToolCallView[];
  finishReason: string | null;
  model: string | null;
  usage: { promptTokens: number; completionTokens: number; totalTokens: number } | null;
  error: string | null;
}

interface ChunkDelta {
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  tool_calls?: { index?: number; id?: string; function?: { name?: string; arguments?: string } }[];
}

interface Chunk {
  model?: string;
  choices?: { delta?: ChunkDelta; message?: ChunkDelta; finish_reason?: string | null }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null;
  error?: { message?: string };
}

export function emptyTurn(): AssistantTurn {
  return { content: '', reasoning: '', toolCalls: [], finishReason: null, model: null, usage: null, error: null };
}

/** Applies one chunk (streamed, or a whole non-streamed completion) and returns the new turn. */
export function applyChunk(turn: AssistantTurn, raw: unknown): AssistantTurn {
  if (typeof raw !== 'object' || raw === null) return turn;
  const chunk = raw as Chunk;
  const next: AssistantTurn = { ...turn, toolCalls: [...turn.toolCalls] };
  if (chunk.error) next.error = chunk.error.message ?? 'The stream failed.';
  if (chunk.model) next.model = chunk.model;
  for (const choice of chunk.choices ?? []) {
    const delta = choice.delta ?? choice.message ?? {};
    if (delta.content) next.content += delta.content;
    const reasoning = delta.reasoning_content ?? delta.reasoning;
    if (reasoning) next.reasoning += reasoning;
    for (const call of delta.tool_calls ?? []) {
      const index = call.index ?? next.toolCalls.length;
      const position = next.toolCalls.findIndex((existing) => existing.index === index);
      const current = position >= 0 ? next.toolCalls[position] : { index, id: null, name: '', arguments: '' };
      const updated: ToolCallView = {
        index,
        id: call.id ?? current.id,
        name: current.name + (call.function?.name ?? ''),
        arguments: current.arguments + (call.function?.arguments ?? ''),
      };
      if (position >= 0) next.toolCalls[position] = updated;
      else next.toolCalls.push(updated);
    }
    if (choice.finish_reason) next.finishReason = choice.finish_reason;
  }
  if (chunk.usage) {
    next.usage = {
      promptTokens: chunk.usage.prompt_tokens ?? 0,
      completionTokens: chunk.usage.completion_tokens ?? 0,
      totalTokens: chunk.usage.total_tokens ?? 0,
    };
  }
  return next;
}
