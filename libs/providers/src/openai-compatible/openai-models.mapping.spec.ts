import { declaredProviderModels, openAiModelListSchema, toProviderModel } from './openai-models.mapping';

describe('openAiModelListSchema', () => {
  it("reads OpenAI's list, skipping items without an id", () => {
    const models = openAiModelListSchema.parse({
      object: 'list',
      data: [{ id: 'gpt-4o', object: 'model', created: 1, owned_by: 'openai' }, { object: 'model' }, 'junk', { id: 'llama3:8b' }],
    });
    expect(models.map(toProviderModel)).toEqual([
      { id: 'gpt-4o', displayName: 'gpt-4o' },
      { id: 'llama3:8b', displayName: 'llama3:8b' },
    ]);
  });

  it('reads bare lists and {models:[…]}', () => {
    expect(openAiModelListSchema.parse([{ id: 'a' }]).map((model) => model.id)).toEqual(['a']);
    expect(openAiModelListSchema.parse({ models: [{ id: 'b' }] }).map((model) => model.id)).toEqual(['b']);
  });

  it('fails on something that is no list of models', () => {
    expect(openAiModelListSchema.safeParse({ error: 'nope' }).success).toBe(false);
  });
});

describe(toProviderModel.name, () => {
  it("keeps OpenRouter's name, description and limits", () => {
    expect(
      toProviderModel(
        openAiModelListSchema.parse({
          data: [{ id: 'qwen/qwen3-max', name: 'Qwen: Qwen3 Max', description: 'Big.', context_length: 262144, top_provider: { max_completion_tokens: 32768 } }],
        })[0],
      ),
    ).toEqual({ id: 'qwen/qwen3-max', displayName: 'Qwen: Qwen3 Max', description: 'Big.', maxContextLength: 262144, maxOutputLength: 32768 });
  });

  it("reads LM Studio's max_context_length", () => {
    expect(toProviderModel(openAiModelListSchema.parse({ data: [{ id: 'm', max_context_length: 4096 }] })[0]).maxContextLength).toBe(4096);
  });
});

describe(declaredProviderModels.name, () => {
  it('lists declared ids as models', () => {
    expect(declaredProviderModels(['a', 'b'])).toEqual([
      { id: 'a', displayName: 'a' },
      { id: 'b', displayName: 'b' },
    ]);
  });
});
