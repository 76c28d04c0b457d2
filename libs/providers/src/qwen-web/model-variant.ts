import type { ChatRequest } from '@qwen-proxy/contracts';

/**
 * Model ids with a mode suffix, for clients that can only pick a model name (IDE agents, chat
 * front-ends): `qwen3-max-thinking` is qwen3-max with thinking on, `-fast` with thinking off,
 * `-search` with web search. Suffixes combine (`qwen3-max-thinking-search`).
 */
export interface ModelVariant {
  /** The model id Qwen knows. */
  model: string;
  thinking?: boolean;
  search?: boolean;
}

const suffixes: readonly { suffix: string; apply: (variant: ModelVariant) => void }[] = [
  { suffix: '-thinking', apply: (variant) => (variant.thinking = true) },
  { suffix: '-fast', apply: (variant) => (variant.thinking = false) },
  { suffix: '-search', apply: (variant) => (variant.search = true) },
];

// Only Qwen web ids carry suffixes: on the router, other providers' model names (which may well
// end in `-fast`) pass through untouched. Qwen ids have no `/` or `:`, unlike OpenRouter or Ollama.
const qwenModelId = /^(qwen|qwq|qvq)[^/:]*$/i;

export function parseModelVariant(id: string): ModelVariant {
  const variant: ModelVariant = { model: id };
  if (!qwenModelId.test(id)) return variant;
  for (let stripped = true; stripped; ) {
    stripped = false;
    for (const { suffix, apply } of suffixes) {
      const base = variant.model.slice(0, -suffix.length);
      if (variant.model.endsWith(suffix) && qwenModelId.test(base)) {
        variant.model = base;
        apply(variant);
        stripped = true;
      }
    }
  }
  return variant;
}

/**
 * The suffixed ids a model supports, from Qwen's capability flags (`thinking`, `search`). A model
 * whose thinking cannot be switched off (`thinkingLocked`, the qwen3.8 series) has no `-fast`.
 */
export function variantSuffixesOf(capabilities: Readonly<Record<string, boolean>> | undefined): string[] {
  const variants: string[] = [];
  if (capabilities?.['thinking']) variants.push(...(capabilities['thinkingLocked'] ? ['-thinking'] : ['-thinking', '-fast']));
  if (capabilities?.['search']) variants.push('-search');
  return variants;
}

/**
 * A request for a suffixed model as a request for the base model with the suffix's switches.
 * The suffix decides thinking on or off (the person picked that model on purpose, while clients
 * often send a default `reasoning_effort`); a budget asked for in the fields is kept.
 */
export function applyModelVariant(request: ChatRequest): ChatRequest {
  const variant = parseModelVariant(request.model);
  if (variant.model === request.model) return request;
  const resolved: ChatRequest = { ...request, model: variant.model };
  if (variant.thinking === false) resolved.reasoning = { enabled: false };
  if (variant.thinking === true) {
    const budgetTokens = request.reasoning?.enabled ? request.reasoning.budgetTokens : undefined;
    resolved.reasoning = budgetTokens === undefined ? { enabled: true } : { enabled: true, budgetTokens };
  }
  if (variant.search) resolved.webSearch = true;
  return resolved;
}

/**
 * A request for a model whose thinking cannot be switched off, with thinking on: Qwen answers
 * `invalid_input` to `thinking_enabled:false` there (weselow e1f8e3c, indicatorspro payload.js,
 * 2026-07/08), and clients often send no reasoning field or a `-fast` id out of habit.
 */
export function withLockedThinking(request: ChatRequest, lockedModels: ReadonlySet<string>): ChatRequest {
  if (!lockedModels.has(request.model) || request.reasoning?.enabled === true) return request;
  return { ...request, reasoning: { enabled: true } };
}
