import OpenAI from 'openai';
import { acceptedCompletions, sentContent, startTestStack, type TestStack } from './support/test-stack';

describe('POST /v1/completions (legacy) through the official openai SDK', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.fake.reset());

  it('answers a text_completion with usage, for a string prompt or a list of one', async () => {
    const completion = await stack.openai.completions.create({ model: 'qwen3-max', prompt: 'Say hi', max_tokens: 50 });
    expect(completion.object).toBe('text_completion');
    expect(completion.id).toMatch(/^cmpl-/);
    expect(completion.choices[0]!.text).toContain('You said: "Say hi"');
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.usage!.total_tokens).toBeGreaterThan(0);

    const listed = await stack.openai.completions.create({ model: 'qwen3-max', prompt: ['Once upon a time'] });
    expect(listed.choices[0]!.text).toContain('Once upon a time');
    expect(sentContent(acceptedCompletions(stack.fake).at(-1)!)).toBe('Once upon a time');
  });

  it('streams text_completion chunks, the finish reason last, then [DONE]; usage on request', async () => {
    stack.fake.script({ kind: 'answer', chunks: ['The ', 'quick ', 'fox.'] });
    const stream = await stack.openai.completions.create({ model: 'qwen3-max', prompt: 'Go', stream: true, stream_options: { include_usage: true } });
    const chunks: OpenAI.Completions.Completion[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.slice(0, 3).map((chunk) => chunk.choices[0]!.text)).toEqual(['The ', 'quick ', 'fox.']);
    expect(chunks[3]!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage!.total_tokens).toBeGreaterThan(0);
    expect(new Set(chunks.map((chunk) => chunk.object))).toEqual(new Set(['text_completion']));
  });

  it('refuses several prompts at once, and token prompts, with a 400 naming prompt', async () => {
    const several = await stack.openai.completions.create({ model: 'qwen3-max', prompt: ['a', 'b'] }).catch((error: unknown) => error);
    expect(several).toBeInstanceOf(OpenAI.BadRequestError);
    expect(several).toMatchObject({ param: 'prompt' });
    const tokens = await stack.openai.completions.create({ model: 'qwen3-max', prompt: [1, 2, 3] }).catch((error: unknown) => error);
    expect(tokens).toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('is served by the router too', async () => {
    const completion = await stack.routerClient.completions.create({ model: 'qwen3-max', prompt: 'Routed' });
    expect(completion.choices[0]!.text).toContain('You said: "Routed"');
  });
});
