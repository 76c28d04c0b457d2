import { z } from 'zod';
import type { ProviderModel } from '../chat-provider';
import { lenient, matchingItems } from './internal/lenient-schema';

const modelSchema = z.object({
  id: z.string().min(1),
  /** OpenRouter. */
  name: lenient(z.string()),
  description: lenient(z.string()),
  /** OpenRouter `context_length`, LM Studio `max_context_length`, others `context_window`. */
  context_length: lenient(z.number()),
  max_context_length: lenient(z.number()),
  context_window: lenient(z.number()),
  top_provider: lenient(z.object({ max_completion_tokens: lenient(z.number()) })),
});

/** `{"object":"list","data":[…]}` as OpenAI has it; a bare list or `{models:[…]}` from odder servers. */
export const openAiModelListSchema = z.union([
  z.object({ data: matchingItems(modelSchema) }).transform((list) => list.data),
  matchingItems(modelSchema),
  z.object({ models: matchingItems(modelSchema) }).transform((list) => list.models),
]);
export type OpenAiModel = z.output<typeof modelSchema>;

export function toProviderModel(model: OpenAiModel): ProviderModel {
  const providerModel: ProviderModel = { id: model.id, displayName: model.name || model.id };
  if (model.description) providerModel.description = model.description;
  const contextLength = model.context_length ?? model.max_context_length ?? model.context_window;
  if (contextLength !== undefined) providerModel.maxContextLength = contextLength;
  if (model.top_provider?.max_completion_tokens !== undefined) providerModel.maxOutputLength = model.top_provider.max_completion_tokens;
  return providerModel;
}

/** Models the configuration declares for upstreams without a usable `/models`. */
export function declaredProviderModels(ids: readonly string[]): ProviderModel[] {
  return ids.map((id) => ({ id, displayName: id }));
}
