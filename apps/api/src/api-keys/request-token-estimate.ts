import { countTextTokens } from '@qwen-proxy/providers';

/** Text beyond this many characters is estimated at 3 characters a token instead of tokenized (a 20 MB body must not stall the event loop). */
const tokenizedCharacterLimit = 100_000;
/** Keys whose string values are not prompt text: identifiers and switches. */
const ignoredKeys = new Set(['model', 'role', 'type', 'id', 'tool_call_id', 'call_id', 'previous_response_id', 'user', 'detail', 'reasoning_effort', 'tool_choice', 'service_tier', 'encoding_format']);

/**
 * The prompt tokens of a request body of any surface (Chat Completions, Messages, Responses,
 * completions), for a budget reservation: every string under the body except identifiers and
 * inline files (`data:` URLs are uploaded, not tokenized as text). Counted with the same
 * tokenizer as usage estimates, so it lands close to what the answer reports.
 */
export function estimatePromptTokens(body: unknown): number {
  const texts: string[] = [];
  let characters = 0;
  // Embeddings take token ids as `input`: each is one prompt token, already counted.
  let tokenIds = 0;
  const visit = (value: unknown, key: string | undefined, depth: number): void => {
    if (depth > 64) return;
    if (typeof value === 'number' && key === 'input') {
      tokenIds += 1;
      return;
    }
    if (typeof value === 'string') {
      if (key !== undefined && ignoredKeys.has(key)) return;
      if (value.startsWith('data:') || key === 'data') return;
      texts.push(value);
      characters += value.length;
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) visit(item, key, depth + 1);
      return;
    }
    if (value && typeof value === 'object') for (const [name, child] of Object.entries(value)) visit(child, name, depth + 1);
  };
  visit(body, undefined, 0);
  if (characters <= tokenizedCharacterLimit) return tokenIds + (texts.length ? countTextTokens(texts.join('\n')) : 0);
  return tokenIds + Math.ceil(characters / 3);
}

/** The answer length a request asks for, under any surface's name for it. */
export function requestedMaxOutputTokens(body: unknown): number | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  for (const name of ['max_completion_tokens', 'max_tokens', 'max_output_tokens']) {
    const value = record[name];
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  }
  return undefined;
}
