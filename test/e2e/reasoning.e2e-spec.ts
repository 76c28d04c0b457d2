import type OpenAI from 'openai';
import { acceptedCompletions, startTestStack, type TestStack } from './support/test-stack';

interface FeatureConfig {
  thinking_enabled: boolean;
  thinking_budget?: number;
  auto_search: boolean;
}

function featureConfigOf(request: { body: unknown }): FeatureConfig {
  return (request.body as { messages: { feature_config: FeatureConfig }[] }).messages[0]!.feature_config;
}

function sentModelOf(request: { body: unknown }): string {
  return (request.body as { model: string }).model;
}

type ReasonedMessage = OpenAI.Chat.Completions.ChatCompletionMessage & { reasoning_content?: string };

describe('thinking and search: model suffixes, request options, reasoning_content and citations', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ fakeOptions: { chunkIntervalMs: 0 } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.fake.reset());

  async function ask(body: Partial<OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming> & Record<string, unknown>) {
    return stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hi' }], ...body } as OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming);
  }

  it('lists the suffixed variants a model supports in /v1/models, and answers for them', async () => {
    const ids = (await stack.openai.models.list()).data.map((model) => model.id);
    expect(ids).toEqual(expect.arrayContaining(['qwen3-max', 'qwen3-max-thinking', 'qwen3-max-fast', 'qwen3-max-search']));
    // qwen3-coder-plus can search but not think.
    expect(ids).toContain('qwen3-coder-plus-search');
    expect(ids).not.toContain('qwen3-coder-plus-thinking');
    expect((await stack.openai.models.retrieve('qwen3-max-thinking')).id).toBe('qwen3-max-thinking');
    // The console's catalogue: -fast does not think, so it shows no thinking capability.
    const catalogue = (await (await stack.control('/api/models')).json()) as { id: string; capabilities?: Record<string, boolean> }[];
    expect(catalogue.find((model) => model.id === 'qwen3-max-fast')?.capabilities?.['thinking']).toBe(false);
    expect(catalogue.find((model) => model.id === 'qwen3-max-thinking')?.capabilities?.['thinking']).toBe(true);
  });

  it('turns thinking on with -thinking and off with -fast, sending the base model', async () => {
    stack.fake.script({ kind: 'thinking-summary', thoughts: ['Considering.'], text: 'Hello.' });
    const thinking = await ask({ model: 'qwen3-max-thinking' });
    await ask({ model: 'qwen3-max-fast', reasoning_effort: 'high' });
    const [withThinking, fast] = acceptedCompletions(stack.fake);
    expect(sentModelOf(withThinking!)).toBe('qwen3-max');
    expect(featureConfigOf(withThinking!).thinking_enabled).toBe(true);
    expect(featureConfigOf(fast!).thinking_enabled).toBe(false);
    expect((thinking.choices[0]!.message as ReasonedMessage).reasoning_content).toContain('Considering.');
  });

  it('reads thinking from reasoning_effort, enable_thinking and thinking', async () => {
    await ask({ reasoning_effort: 'low' });
    await ask({ enable_thinking: true, thinking_budget: 2048 });
    await ask({ thinking: { type: 'enabled', budget_tokens: 4096 } });
    await ask({ thinking: false });
    await ask({ reasoning_effort: 'none' });
    expect(acceptedCompletions(stack.fake).map(featureConfigOf)).toEqual([
      expect.objectContaining({ thinking_enabled: true, thinking_budget: 1024 }),
      expect.objectContaining({ thinking_enabled: true, thinking_budget: 2048 }),
      expect.objectContaining({ thinking_enabled: true, thinking_budget: 4096 }),
      expect.objectContaining({ thinking_enabled: false }),
      expect.objectContaining({ thinking_enabled: false }),
    ]);
  });

  it('searches with -search or web_search_options, and returns the sources as url citations', async () => {
    const sources = [
      { title: 'Weather Paris', url: 'https://example.com/paris', snippet: 'Sunny' },
      { title: 'Forecast', url: 'https://example.org/forecast', snippet: 'Warm' },
    ];
    stack.fake.script({ kind: 'search', sources, text: 'Sunny in Paris.' });
    const completion = await ask({ model: 'qwen3-max-search' });
    await ask({ web_search_options: {} });
    const [bySuffix, byOption] = acceptedCompletions(stack.fake);
    expect(sentModelOf(bySuffix!)).toBe('qwen3-max');
    expect(featureConfigOf(bySuffix!).auto_search).toBe(true);
    expect(featureConfigOf(byOption!).auto_search).toBe(true);

    const message = completion.choices[0]!.message;
    expect(message.content).toBe('Sunny in Paris.');
    expect(message.annotations).toEqual([
      { type: 'url_citation', url_citation: expect.objectContaining({ url: 'https://example.com/paris', title: 'Weather Paris' }) },
      { type: 'url_citation', url_citation: expect.objectContaining({ url: 'https://example.org/forecast', title: 'Forecast' }) },
    ]);
  });

  it('streams reasoning_content deltas before the answer for a -thinking model', async () => {
    stack.fake.script({ kind: 'thinking-detail', reasoning: 'Step one. Step two.', text: 'Done.' });
    const stream = await stack.openai.chat.completions.create({ model: 'qwen3-max-thinking', messages: [{ role: 'user', content: 'Think' }], stream: true });
    const kinds: string[] = [];
    let reasoning = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { content?: string; reasoning_content?: string } | undefined;
      if (delta?.reasoning_content) {
        reasoning += delta.reasoning_content;
        kinds.push('reasoning');
      }
      if (delta?.content) kinds.push('content');
    }
    expect(reasoning).toBe('Step one. Step two.');
    expect(kinds.indexOf('content')).toBeGreaterThan(kinds.lastIndexOf('reasoning'));
    expect(featureConfigOf(acceptedCompletions(stack.fake)[0]!).thinking_enabled).toBe(true);
  });

  it('refuses a suffix on a model Qwen does not list', async () => {
    const error = await ask({ model: 'qwen9-ultra-thinking' }).catch((caught: { status: number; code: string }) => caught);
    expect(error).toMatchObject({ status: 404, code: 'model_not_found' });
  });
});
