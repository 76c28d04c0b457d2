import type { ModelEntry } from '../../core/api/api-types';
import { filterAndSortModels } from './model-table';

const models: ModelEntry[] = [
  { id: 'qwen3-max', provider: 'qwen-web', providerName: 'Qwen', contextLength: 262_144, capabilities: { vision: true } },
  { id: 'llama-3', provider: 'lm', providerName: 'LM Studio', contextLength: 8192 },
  { id: 'gpt-4o', provider: 'qwen-web', providerName: 'Qwen', aliasOf: 'qwen3-max' },
];

describe(filterAndSortModels.name, () => {
  it('searches any visible text and sorts', () => {
    expect(filterAndSortModels(models, 'vision', 'id', 'asc').map((model) => model.id)).toEqual(['qwen3-max']);
    expect(filterAndSortModels(models, 'studio', 'id', 'asc').map((model) => model.id)).toEqual(['llama-3']);
    expect(filterAndSortModels(models, '', 'contextLength', 'desc').map((model) => model.id)).toEqual(['qwen3-max', 'llama-3', 'gpt-4o']);
    expect(filterAndSortModels(models, '', 'id', '').map((model) => model.id)).toEqual(['qwen3-max', 'llama-3', 'gpt-4o']);
  });
});
