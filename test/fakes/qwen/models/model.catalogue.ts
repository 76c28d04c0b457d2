/** The capability flags of a model, as `info.meta.capabilities` lists them. */
export interface ModelCapabilities {
  vision: boolean;
  document: boolean;
  video: boolean;
  audio: boolean;
  thinking: boolean;
  search: boolean;
  citations: boolean;
  thinking_budget: boolean;
}

/** One entry of `GET /api/models` (protocol §5). */
export interface QwenModel {
  id: string;
  name: string;
  object: 'model';
  owned_by: 'qwen';
  info: {
    id: string;
    name: string;
    is_active: boolean;
    is_visitor_active: boolean;
    meta: {
      description: string;
      capabilities: ModelCapabilities;
      max_context_length: number;
      max_generation_length: number;
      max_thinking_generation_length: number;
      /**
       * 1 = available, 2 = available on request, 0 = none: a number per capability, as the web UI
       * reads it; `thinking: 4` = "ActiveUncancellable" (indicatorspro payload.js, 2026-08).
       */
      abilities: Record<keyof ModelCapabilities, 0 | 1 | 2 | 4>;
      /**
       * Whether thinking may be skipped (2026): `{enable:false}` on the qwen3.8 series, which then
       * refuses `thinking_enabled:false` with `invalid_input`; null on older models.
       */
      think_skip: { enable: boolean } | null;
      chat_type: string[];
      modality: string[];
    };
    created_at: number;
  };
}

export const ALL_CHAT_TYPES = ['t2t', 'search', 't2i', 't2v', 'image_edit', 'artifacts', 'web_dev', 'deep_research'];

export interface ModelDescription {
  id: string;
  name: string;
  description: string;
  capabilities: Partial<ModelCapabilities>;
  contextLength: number;
  generationLength: number;
  chatTypes: string[];
  modality: string[];
  /** Thinking cannot be switched off (`think_skip.enable` false, `abilities.thinking` 4). */
  thinkingLocked?: boolean;
}

export function model(description: ModelDescription): QwenModel {
  const capabilities: ModelCapabilities = {
    vision: false,
    document: false,
    video: false,
    audio: false,
    thinking: false,
    search: false,
    citations: false,
    thinking_budget: false,
    ...description.capabilities,
  };
  const abilities = Object.fromEntries(
    Object.entries(capabilities).map(([name, enabled]) => [name, enabled ? 1 : 0]),
  ) as Record<keyof ModelCapabilities, 0 | 1 | 4>;
  if (description.thinkingLocked) abilities.thinking = 4;
  return {
    id: description.id,
    name: description.name,
    object: 'model',
    owned_by: 'qwen',
    info: {
      id: description.id,
      name: description.name,
      is_active: true,
      is_visitor_active: true,
      meta: {
        description: description.description,
        capabilities,
        max_context_length: description.contextLength,
        max_generation_length: description.generationLength,
        max_thinking_generation_length: capabilities.thinking ? 81_920 : 0,
        abilities,
        think_skip: description.thinkingLocked ? { enable: false } : null,
        chat_type: description.chatTypes,
        modality: description.modality,
      },
      created_at: 1_745_000_000,
    },
  };
}

/** A realistic line-up of 2025-2026 (protocol §5); only ids listed here are accepted. */
export const MODEL_CATALOGUE: readonly QwenModel[] = [
  model({
    id: 'qwen3-max',
    name: 'Qwen3-Max',
    description: 'The most powerful language model in the Qwen series.',
    capabilities: { vision: true, document: true, thinking: true, search: true, citations: true, thinking_budget: true },
    contextLength: 262_144,
    generationLength: 32_768,
    chatTypes: ALL_CHAT_TYPES,
    modality: ['text', 'image'],
  }),
  model({
    id: 'qwen3.5-plus',
    name: 'Qwen3.5-Plus',
    description: 'Fast and capable, with thinking, search, vision and documents.',
    capabilities: {
      vision: true,
      document: true,
      video: true,
      audio: true,
      thinking: true,
      search: true,
      citations: true,
      thinking_budget: true,
    },
    contextLength: 1_000_000,
    generationLength: 65_536,
    chatTypes: ALL_CHAT_TYPES,
    modality: ['text', 'image', 'video', 'audio'],
  }),
  model({
    id: 'qwen3.8-max',
    name: 'Qwen3.8-Max',
    description: 'The 2026 flagship; it always thinks (thinking cannot be turned off).',
    capabilities: { vision: true, document: true, thinking: true, search: true, citations: true, thinking_budget: true },
    contextLength: 262_144,
    generationLength: 131_072,
    chatTypes: ALL_CHAT_TYPES,
    modality: ['text', 'image'],
    thinkingLocked: true,
  }),
  model({
    id: 'qwen3-coder-plus',
    name: 'Qwen3-Coder',
    description: 'Strong coding and agentic abilities.',
    capabilities: { document: true, search: true, citations: true },
    contextLength: 1_048_576,
    generationLength: 65_536,
    chatTypes: ['t2t', 'search', 'artifacts', 'web_dev'],
    modality: ['text'],
  }),
  model({
    id: 'qwen3-vl-plus',
    name: 'Qwen3-VL-235B-A22B',
    description: 'The vision-language model of the Qwen3 series.',
    capabilities: { vision: true, document: true, video: true, thinking: true, search: true, citations: true, thinking_budget: true },
    contextLength: 262_144,
    generationLength: 32_768,
    chatTypes: ['t2t', 'search', 't2i', 'image_edit', 'artifacts'],
    modality: ['text', 'image', 'video'],
  }),
  model({
    id: 'qwen-max-latest',
    name: 'Qwen2.5-Max',
    description: 'The previous flagship.',
    capabilities: { vision: true, document: true, search: true, citations: true },
    contextLength: 131_072,
    generationLength: 8_192,
    chatTypes: ALL_CHAT_TYPES,
    modality: ['text', 'image'],
  }),
  model({
    id: 'qwq-32b',
    name: 'QwQ-32B',
    description: 'A reasoning model that always thinks.',
    capabilities: { thinking: true, search: true, citations: true, thinking_budget: true },
    contextLength: 131_072,
    generationLength: 8_192,
    chatTypes: ['t2t', 'search'],
    modality: ['text'],
  }),
];

export function findModel(id: string, catalogue: readonly QwenModel[] = MODEL_CATALOGUE): QwenModel | undefined {
  return catalogue.find((candidate) => candidate.id === id);
}
