import { parseModelList } from './qwen-models';

const qwen3Max = {
  id: 'qwen3-max',
  name: 'Qwen3-Max',
  object: 'model',
  owned_by: 'qwen',
  info: {
    is_active: true,
    is_visitor_active: true,
    meta: {
      description: 'The most capable Qwen model.',
      capabilities: {
        vision: true,
        document: true,
        video: false,
        audio: false,
        thinking: true,
        search: true,
        citations: true,
        thinking_budget: true,
      },
      max_context_length: 262144,
      max_generation_length: 32768,
      max_thinking_generation_length: 81920,
      abilities: { vision: 1 },
      chat_type: ['t2t', 'search', 't2i', 'image_edit'],
      modality: ['text', 'image'],
    },
  },
};

describe(parseModelList.name, () => {
  it('reads a model of the /api/models list', () => {
    expect(parseModelList({ data: [qwen3Max] })).toEqual([
      {
        id: 'qwen3-max',
        name: 'Qwen3-Max',
        description: 'The most capable Qwen model.',
        capabilities: {
          vision: true,
          document: true,
          video: false,
          audio: false,
          thinking: true,
          search: true,
          citations: true,
          thinkingBudget: true,
          thinkingLocked: false,
        },
        maxContextLength: 262144,
        maxGenerationLength: 32768,
        chatTypes: ['t2t', 'search', 't2i', 'image_edit'],
        isActive: true,
      },
    ]);
  });

  it('reads the /api/v2/models/ envelope', () => {
    const models = parseModelList({ success: true, data: { data: [qwen3Max] } });
    expect(models.map((model) => model.id)).toEqual(['qwen3-max']);
  });

  it('fills what a sparse entry leaves out and skips entries without an id', () => {
    const odd = { id: 'x', info: { is_active: false, meta: { capabilities: 'odd' } } };
    expect(parseModelList({ data: [{ id: 'qwq-32b' }, { name: 'nameless' }, 'junk', odd] })).toEqual([
      {
        id: 'qwq-32b',
        name: 'qwq-32b',
        capabilities: {
          vision: false,
          document: false,
          video: false,
          audio: false,
          thinking: false,
          search: false,
          citations: false,
          thinkingBudget: false,
          thinkingLocked: false,
        },
        chatTypes: [],
        isActive: true,
      },
      expect.objectContaining({ id: 'x', isActive: false }),
    ]);
  });

  it('marks models that cannot stop thinking: think_skip.enable false, or abilities.thinking 4 (B2)', () => {
    const withMeta = (id: string, meta: Record<string, unknown>) => ({ id, info: { meta: { capabilities: { thinking: true }, ...meta } } });
    const models = parseModelList({
      data: [
        withMeta('qwen3.8-max-preview', { think_skip: { enable: false } }),
        withMeta('qwen3.8-max', { abilities: { thinking: 4 } }),
        withMeta('qwen3.7-plus', { think_skip: { enable: true }, abilities: { thinking: 1 } }),
        withMeta('qwen3.5-plus', { think_skip: null }),
      ],
    });
    expect(models.map((model) => [model.id, model.capabilities.thinkingLocked])).toEqual([
      ['qwen3.8-max-preview', true],
      ['qwen3.8-max', true],
      ['qwen3.7-plus', false],
      ['qwen3.5-plus', false],
    ]);
  });

  it('gives an empty list for an unknown envelope', () => {
    expect(parseModelList({ success: false })).toEqual([]);
    expect(parseModelList('<html>')).toEqual([]);
  });
});
