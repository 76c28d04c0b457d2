import { z } from 'zod';

/** What a model can do, from its `info.meta.capabilities`; absent flags read as false. */
export interface QwenModelCapabilities {
  vision: boolean;
  document: boolean;
  video: boolean;
  audio: boolean;
  thinking: boolean;
  search: boolean;
  citations: boolean;
  /** Accepts `thinking_budget`. */
  thinkingBudget: boolean;
  /**
   * Thinking cannot be switched off (`info.meta.think_skip.enable === false`, or
   * `info.meta.abilities.thinking === 4`, "ActiveUncancellable"): the qwen3.8 series in 2026-07/08.
   * Qwen answers `invalid_input` to `thinking_enabled:false` for these.
   */
  thinkingLocked: boolean;
}

/** One entry of Qwen's live model list. Requests must name `id`, never the display `name`. */
export interface QwenModel {
  id: string;
  name: string;
  description?: string;
  capabilities: QwenModelCapabilities;
  maxContextLength?: number;
  maxGenerationLength?: number;
  /** The `chat_type`s the model accepts: `t2t`, `search`, `t2i`, `t2v`, `image_edit`, … */
  chatTypes: string[];
  isActive: boolean;
}

function lenient<T extends z.ZodType>(schema: T) {
  return schema.nullish().catch(undefined);
}

const flag = lenient(z.boolean());

const modelSchema = z.object({
  id: z.string().min(1),
  name: lenient(z.string()),
  info: lenient(
    z.object({
      is_active: flag,
      meta: lenient(
        z.object({
          description: lenient(z.string()),
          capabilities: lenient(
            z.object({
              vision: flag,
              document: flag,
              video: flag,
              audio: flag,
              thinking: flag,
              search: flag,
              citations: flag,
              thinking_budget: flag,
            }),
          ),
          think_skip: lenient(z.object({ enable: flag })),
          abilities: lenient(z.object({ thinking: lenient(z.number()) })),
          max_context_length: lenient(z.number()),
          max_generation_length: lenient(z.number()),
          chat_type: lenient(z.array(z.unknown())),
        }),
      ),
    }),
  ),
});

/** `{"data":[…]}` from /api/models, `{"success":true,"data":{"data":[…]}}` from /api/v2/models/. */
const modelListSchema = z.union([
  z.object({ data: z.array(z.unknown()) }).transform((body) => body.data),
  z.object({ data: z.object({ data: z.array(z.unknown()) }) }).transform((body) => body.data.data),
  z.array(z.unknown()),
]);

/**
 * The models of a list response, in either envelope. Entries that cannot be read (no `id`) are
 * skipped rather than failing the list; an unknown envelope gives an empty list.
 */
export function parseModelList(json: unknown): QwenModel[] {
  const list = modelListSchema.safeParse(json);
  if (!list.success) return [];
  return list.data.flatMap((entry) => {
    const parsed = modelSchema.safeParse(entry);
    return parsed.success ? [toQwenModel(parsed.data)] : [];
  });
}

function toQwenModel(entry: z.output<typeof modelSchema>): QwenModel {
  const meta = entry.info?.meta;
  const capabilities = meta?.capabilities;
  const model: QwenModel = {
    id: entry.id,
    name: entry.name || entry.id,
    capabilities: {
      vision: capabilities?.vision === true,
      document: capabilities?.document === true,
      video: capabilities?.video === true,
      audio: capabilities?.audio === true,
      thinking: capabilities?.thinking === true,
      search: capabilities?.search === true,
      citations: capabilities?.citations === true,
      thinkingBudget: capabilities?.thinking_budget === true,
      // `think_skip: null` marks an older model without the switch: no lock (unnamed client, 2026-07-23).
      thinkingLocked: meta?.think_skip?.enable === false || meta?.abilities?.thinking === 4,
    },
    chatTypes: (meta?.chat_type ?? []).filter((type): type is string => typeof type === 'string'),
    // Entries without the flag are listed by Qwen, so they are taken as usable.
    isActive: entry.info?.is_active ?? true,
  };
  if (meta?.description) model.description = meta.description;
  if (meta?.max_context_length != null) model.maxContextLength = meta.max_context_length;
  if (meta?.max_generation_length != null) model.maxGenerationLength = meta.max_generation_length;
  return model;
}
