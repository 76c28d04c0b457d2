import { ALL_CHAT_TYPES, model, type QwenModel } from './model.catalogue';

/**
 * The line-up the landing page showed in July–August 2026 (indicatorspro
 * `docs/QWEN_CHAT_MODELS.md`, audit C6): no `qwen3-max` any more, `qwen3.7-plus` first (the UI
 * default). For specs that must not assume an older model exists.
 */
export const LATE_2026_MODEL_CATALOGUE: readonly QwenModel[] = [
  model({
    id: 'qwen3.7-plus',
    name: 'Qwen3.7-Plus',
    description: 'The default model of the web chat: fast, with thinking, search, vision and documents.',
    capabilities: { vision: true, document: true, video: true, audio: true, thinking: true, search: true, citations: true, thinking_budget: true },
    contextLength: 1_000_000,
    generationLength: 65_536,
    chatTypes: ALL_CHAT_TYPES,
    modality: ['text', 'image', 'video', 'audio'],
  }),
  model({
    id: 'qwen3.7-max',
    name: 'Qwen3.7-Max',
    description: 'The strongest general model of the 3.7 series.',
    capabilities: { vision: true, document: true, thinking: true, search: true, citations: true, thinking_budget: true },
    contextLength: 262_144,
    generationLength: 65_536,
    chatTypes: ALL_CHAT_TYPES,
    modality: ['text', 'image'],
  }),
  model({
    id: 'qwen3.5-flash',
    name: 'Qwen3.5-Flash',
    description: 'The fastest model, for simple tasks.',
    capabilities: { document: true, search: true, citations: true },
    contextLength: 1_000_000,
    generationLength: 32_768,
    chatTypes: ['t2t', 'search'],
    modality: ['text'],
  }),
];
