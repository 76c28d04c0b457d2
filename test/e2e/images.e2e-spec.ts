import OpenAI from 'openai';
import { PublicAddressPolicy } from '@qwen-proxy/providers';
import { QwenAttachments } from '../../apps/api/src/qwen/qwen-attachments';
import { type FakeOpenAi, startFakeOpenAi } from '../fakes/openai/fake-openai';
import { acceptedCompletions, registerUpstream, startTestStack, type TestStack } from './support/test-stack';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function apiErrorOf(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return error as InstanceType<typeof OpenAI.APIError>;
}

/** The completion bodies the fake accepted, newest last. */
function sentBodies(stack: TestStack): Array<{ chat_id: string; size?: string; model: string; messages: Array<{ chat_type: string; content: string }> }> {
  return acceptedCompletions(stack.fake).map((request) => request.body as never);
}

describe('/v1/images/generations through the official openai SDK', () => {
  let stack: TestStack;
  let upstream: FakeOpenAi;
  let failingPainter: FakeOpenAi;
  let painter: FakeOpenAi;
  const providerIds: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startTestStack();
    upstream = await startFakeOpenAi({ name: 'elsewhere', models: ['text-only-model'] });
    await registerUpstream(stack, upstream);
    failingPainter = await startFakeOpenAi({ name: 'failing-painter', models: ['dall-e-3'], imageModels: ['dall-e-3'], failImagesWith: 503 });
    painter = await startFakeOpenAi({ name: 'painter', models: ['dall-e-3', 'gpt-image-1'], imageModels: ['dall-e-3', 'gpt-image-1'] });
    providerIds['failing-painter'] = await registerUpstream(stack, failingPainter, { priority: 1 });
    providerIds['painter'] = await registerUpstream(stack, painter, { priority: 2 });
  });
  afterAll(async () => {
    await stack.close();
    await Promise.all([upstream.close(), failingPainter.close(), painter.close()]);
  });
  beforeEach(() => stack.fake.reset());
  afterEach(() => jest.restoreAllMocks());

  /** The fake serves its pictures on loopback, which the fetcher refuses: here the fake stands for Qwen's public CDN. */
  function treatFakeAsPublic(): void {
    const policy = stack.app.app.get(QwenAttachments).fetcher.policy;
    const testPolicy = new PublicAddressPolicy({ allowedTargets: [new URL(stack.fake.url).host] });
    jest.spyOn(policy, 'refusalFor').mockImplementation((address, target) => testPolicy.refusalFor(address, target));
  }

  it('draws in a fresh t2i chat and answers the image URL the fake serves', async () => {
    const { data: images, response } = await stack.openai.images.generate({ model: 'qwen3-max', prompt: 'A red panda' }).withResponse();
    expect(images.data).toHaveLength(1);
    const url = images.data![0]!.url!;
    expect(url).toMatch(new RegExp(`^${stack.fake.url}/__fake/images/.+\\.png$`));
    expect(images.created).toBeGreaterThan(0);
    // The URL is a real picture.
    const picture = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(picture.subarray(0, 8)).toEqual(PNG_MAGIC);
    // One t2i chat, one t2i message with the prompt and the default (square) ratio.
    const [body] = sentBodies(stack);
    expect(body).toMatchObject({ model: 'qwen3-max', size: '1:1', messages: [{ chat_type: 't2i', content: 'A red panda' }] });
    expect(stack.fake.chats.get(body!.chat_id)?.chatType).toBe('t2i');
    expect(response.headers.get('x-provider-id')).toBe('qwen-web');

    await stack.flushRecords();
    const requestId = response.headers.get('x-request-id');
    const [row] = await stack.query<{ surface: string; model: string; provider: string }>('SELECT surface, model, provider FROM requests WHERE id = ?', [requestId]);
    expect(row).toMatchObject({ surface: 'images', model: 'qwen3-max', provider: 'qwen-web' });
    const [answer] = await stack.query<{ status_code: number }>('SELECT status_code FROM responses WHERE request_id = ?', [requestId]);
    expect(answer).toMatchObject({ status_code: 200 });
  });

  // Before the test that allows the fake: the guard checks at connect time, and that test leaves a pooled connection.
  it('a chat that resends the drawing as history opens a new text chat instead of continuing the t2i one', async () => {
    const images = await stack.openai.images.generate({ model: 'qwen3-max', prompt: 'A fox' });
    const drawn = sentBodies(stack).at(-1)!;
    const answer = await stack.openai.chat.completions.create({
      model: 'qwen3-max',
      messages: [
        { role: 'user', content: 'A fox' },
        { role: 'assistant', content: `![image](${images.data![0]!.url!})` },
        { role: 'user', content: 'Describe it' },
      ],
    });
    expect(answer.choices[0]!.message.content).toBeTruthy();
    const followUp = sentBodies(stack).at(-1)!;
    expect(followUp.chat_id).not.toBe(drawn.chat_id);
    expect(followUp.messages[0]!.chat_type).toBe('t2t');
  });

  it('b64_json under the default policy: the loopback image is refused with a 502', async () => {
    const error = await apiErrorOf(stack.openai.images.generate({ model: 'qwen3-max', prompt: 'A cat', response_format: 'b64_json' }));
    expect(error.status).toBe(502);
    expect(error.code).toBe('image_fetch_failed');
    expect(error.message).toContain('loopback');
  });

  it('b64_json: fetches the drawn image through the guarded fetcher and base64-encodes its bytes', async () => {
    treatFakeAsPublic();
    const images = await stack.openai.images.generate({ model: 'qwen3-max', prompt: 'A cat', response_format: 'b64_json' });
    const bytes = Buffer.from(images.data![0]!.b64_json!, 'base64');
    expect(bytes.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(images.data![0]!.url).toBeUndefined();
  });

  it.each([
    ['1792x1024', '16:9'],
    ['1024x1792', '9:16'],
    ['1536x1024', '4:3'],
    ['auto', '1:1'],
  ] as const)('maps size %s to the aspect ratio %s', async (size, ratio) => {
    await stack.openai.images.generate({ model: 'qwen3-max', prompt: 'A hill', size });
    expect(sentBodies(stack).at(-1)!.size).toBe(ratio);
  });

  it('defaults the model to the first Qwen model that lists t2i', async () => {
    await stack.openai.images.generate({ prompt: 'Default model' });
    expect(sentBodies(stack).at(-1)!.model).toBe('qwen3-max');
  });

  it('refuses a size Qwen cannot draw with a 400 naming the accepted sizes, before any chat is opened', async () => {
    const chatsBefore = stack.fake.chats.size;
    const error = await apiErrorOf(stack.openai.images.generate({ model: 'qwen3-max', prompt: 'x', size: '640x480' as never }));
    expect(error.status).toBe(400);
    expect(error.param).toBe('size');
    expect(error.message).toContain('1024x1024');
    expect(error.message).toContain('16:9');
    expect(stack.fake.chats.size).toBe(chatsBefore);
  });

  it('refuses n > 1 with a 400 on n', async () => {
    const chatsBefore = stack.fake.chats.size;
    const error = await apiErrorOf(stack.openai.images.generate({ model: 'qwen3-max', prompt: 'x', n: 2 }));
    expect(error.status).toBe(400);
    expect(error.param).toBe('n');
    expect(stack.fake.chats.size).toBe(chatsBefore);
  });

  it('refuses a model without t2i with a 400 naming the models that draw', async () => {
    const chatsBefore = stack.fake.chats.size;
    const error = await apiErrorOf(stack.openai.images.generate({ model: 'qwen3-coder-plus', prompt: 'x' }));
    expect(error.status).toBe(400);
    expect(error.code).toBe('model_not_image_capable');
    expect(error.message).toContain('qwen3-max');
    expect(stack.fake.chats.size).toBe(chatsBefore);
  });

  it('maps a moderation refusal to 400 content_filter and the daily limit to 429, in OpenAI shape', async () => {
    stack.fake.failNext('moderation');
    const filtered = await apiErrorOf(stack.openai.images.generate({ model: 'qwen3-max', prompt: 'x' }));
    expect(filtered.status).toBe(400);
    expect(filtered.code).toBe('content_filter');
    await stack.resetAccounts();
    stack.fake.failNext('daily-limit', { num: 5 });
    const limited = await apiErrorOf(stack.openai.images.generate({ model: 'qwen3-max', prompt: 'x' }));
    expect(limited.status).toBe(429);
    await stack.resetAccounts();
  });

  it('answers 502 no_image_generated when Qwen answers in words', async () => {
    stack.fake.script({ kind: 'answer', text: 'I cannot draw that.' });
    const error = await apiErrorOf(stack.openai.images.generate({ model: 'qwen3-max', prompt: 'x' }));
    expect(error.status).toBe(502);
    expect(error.code).toBe('no_image_generated');
    expect(error.message).toContain('I cannot draw that.');
  });

  it('/v1/models flags the models that draw with capabilities.imageGeneration (the models themselves, not their suffixed variants)', async () => {
    const models = (await stack.openai.models.list()).data as Array<OpenAI.Models.Model & { capabilities?: Record<string, boolean> }>;
    const flag = (id: string) => models.find((model) => model.id === id)?.capabilities?.['imageGeneration'];
    expect(flag('qwen3-max')).toBe(true);
    expect(flag('qwen3-coder-plus')).toBe(false);
    expect(flag('qwq-32b')).toBe(false);
    expect(flag('qwen3-max-thinking')).toBe(false);
  });

  describe('on the router port', () => {
    it('routes a Qwen image model to the Qwen web provider', async () => {
      const { data: images, response } = await stack.routerClient.images.generate({ model: 'qwen3-max', prompt: 'Routed', size: '1024x1792' }).withResponse();
      expect(images.data![0]!.url).toContain('/__fake/images/');
      expect(response.headers.get('x-provider-id')).toBe('qwen-web');
      expect(sentBodies(stack).at(-1)!.size).toBe('9:16');
    });

    it('passes a model OpenAI-compatible providers serve through to POST {baseUrl}/images/generations, falling back past a failing one', async () => {
      const { data: images, response } = await stack.routerClient.images
        .generate({ model: 'dall-e-3', prompt: 'A lighthouse', n: 2, size: '1792x1024', response_format: 'b64_json' })
        .withResponse();
      // The upstream's own answer: its n and size rules, its revised prompt.
      expect(images.data).toHaveLength(2);
      expect(Buffer.from(images.data![0]!.b64_json!, 'base64').subarray(0, 8)).toEqual(PNG_MAGIC);
      expect(images.data![0]!.revised_prompt).toBe('A lighthouse (painter)');
      expect(response.headers.get('x-provider-id')).toBe(providerIds['painter']);
      const sent = (fake: FakeOpenAi) => fake.requests.filter((request) => request.path === '/v1/images/generations').at(-1)?.body;
      expect(sent(failingPainter)).toMatchObject({ model: 'dall-e-3', prompt: 'A lighthouse', n: 2, size: '1792x1024', response_format: 'b64_json' });
      expect(sent(painter)).toMatchObject({ model: 'dall-e-3', prompt: 'A lighthouse', n: 2 });

      await stack.flushRecords();
      const requestId = response.headers.get('x-request-id');
      const [row] = await stack.query<{ surface: string; provider: string; listener: string }>('SELECT surface, provider, listener FROM requests WHERE id = ?', [requestId]);
      expect(row).toMatchObject({ surface: 'images', listener: 'router', provider: providerIds['painter'] });
    });

    it("answers a passed-through upstream's refusal in OpenAI's shape, after asking it once", async () => {
      const asked = () => upstream.requests.filter((request) => request.path === '/v1/images/generations').length;
      const before = asked();
      const error = await apiErrorOf(stack.routerClient.images.generate({ model: 'text-only-model', prompt: 'x' }));
      expect(error.status).toBe(404);
      expect(error.message).toContain('text-only-model');
      expect(asked()).toBe(before + 1);
    });
  });
});

describe('/v1/images/generations with API keys', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  async function keyFor(allowedModels: string[]): Promise<OpenAI> {
    const { key } = await stack.createApiKey({ name: `images-${allowedModels.join('-')}`, allowedModels });
    return new OpenAI({ baseURL: `${stack.app.proxyUrl}/v1`, apiKey: key, maxRetries: 0 });
  }

  it("defaults to the first drawing model the key may use, refuses a model outside its list with a 403", async () => {
    const client = await keyFor(['qwen3.5-plus']);
    await client.images.generate({ prompt: 'Default within the allowlist' });
    expect((acceptedCompletions(stack.fake).at(-1)!.body as { model: string }).model).toBe('qwen3.5-plus');
    const refused = await apiErrorOf(client.images.generate({ model: 'qwen3-max', prompt: 'x' }));
    expect(refused.status).toBe(403);
  });

  it('refuses the default with a 400 when the key may use no model that draws', async () => {
    const client = await keyFor(['qwen3-coder-*']);
    const refused = await apiErrorOf(client.images.generate({ prompt: 'x' }));
    expect(refused.status).toBe(400);
    expect(refused.code).toBe('model_not_image_capable');
    expect(refused.message).toMatch(/None of the models that generate images \(qwen3-max.*\) is allowed for this API key/);
  });
});
