import { startFakeQwen, type FakeQwen, type IssuedAccount } from './index';
import { completionBody, QwenBrowserClient } from './spec-support/qwen-browser.client';

/** The 2026 behaviours the fake learnt (README: dual-candidates, novel-frame, qwen3.8-max, the new failures). */
describe('fake chat.qwen.ai: late-2026 behaviours', () => {
  let fake: FakeQwen;
  let account: IssuedAccount;
  let client: QwenBrowserClient;

  beforeAll(async () => {
    fake = await startFakeQwen({ chunkIntervalMs: 0 });
  });
  beforeEach(() => {
    fake.reset();
    account = fake.issueAccount();
    client = new QwenBrowserClient(fake.url, account);
  });
  afterAll(() => fake.close());

  type Frame = { 'response.created'?: { response_id: string; response_index: string }; choices?: [{ delta: { content: string; status: string } }]; response_id?: string };

  it('streams two interleaved candidates; the chat keeps candidate 0 and refuses candidate 1 as a parent', async () => {
    const chatId = await client.createChat();
    fake.script({ kind: 'dual-candidates', text: 'Paris is the capital.', otherText: 'It is Paris.' });
    const reply = await client.ask({ chatId, parentId: null, content: 'Capital of France?' });
    const frames = reply.frames as Frame[];
    const created = frames.flatMap((frame) => (frame['response.created'] ? [frame['response.created']] : []));
    expect(created.map((entry) => entry.response_index)).toEqual(['0', '1']);
    const [zero, one] = created.map((entry) => entry.response_id);
    const textOf = (id: string | undefined) => frames.filter((frame) => frame.response_id === id).map((frame) => frame.choices?.[0].delta.content ?? '').join('');
    expect(textOf(zero)).toBe('Paris is the capital.');
    expect(textOf(one)).toBe('It is Paris.');
    // Interleaved: a candidate-1 delta comes between candidate-0 deltas.
    const owners = frames.filter((frame) => frame.choices && frame.choices[0].delta.content !== '').map((frame) => frame.response_id);
    expect(owners.slice(0, 2)).toEqual([one, zero]);
    // Candidate 1 finishes first.
    const finishedOwners = frames.filter((frame) => frame.choices?.[0].delta.status === 'finished').map((frame) => frame.response_id);
    expect(finishedOwners).toEqual([one, zero]);

    const continued = await client.ask({ chatId, parentId: zero!, content: 'And Spain?' });
    expect(continued.response.headers.get('content-type')).toMatch(/event-stream/);
    const wrongParent = await client.postCompletion(chatId, completionBody({ chatId, parentId: one!, content: 'And Spain?' }));
    expect(await wrongParent.json()).toMatchObject({ success: false, data: { code: 'Bad_Request', details: expect.stringMatching(/parent_id .* is not exist/) } });
  });

  it('lists qwen3.8-max as unable to stop thinking and answers invalid_input to thinking off', async () => {
    const models = (await (await fetch(`${fake.url}/api/models`)).json()) as { data: { id: string; info: { meta: { think_skip: unknown; abilities: { thinking: number } } } }[] };
    const locked = models.data.find((model) => model.id === 'qwen3.8-max');
    expect(locked?.info.meta).toMatchObject({ think_skip: { enable: false }, abilities: { thinking: 4 } });

    const chatId = await client.createChat({ models: ['qwen3.8-max'] });
    const refused = await client.postCompletion(chatId, completionBody({ chatId, parentId: null, content: 'Hi', model: 'qwen3.8-max' }));
    expect(await refused.json()).toMatchObject({ success: false, data: { code: 'invalid_input' } });
    expect(fake.requests.at(-1)?.outcome).toMatchObject({ status: 'rejected' });

    const thinking = await client.ask({ chatId, parentId: null, content: 'Hi', model: 'qwen3.8-max', featureConfig: { thinking_enabled: true } });
    expect(thinking.response.headers.get('content-type')).toMatch(/event-stream/);
  });

  it('sends a novel frame as is before a normal answer', async () => {
    const chatId = await client.createChat();
    fake.script({ kind: 'novel-frame', frame: { 'response.hologram': { level: 3 } }, text: 'ok' });
    const reply = await client.ask({ chatId, parentId: null, content: 'Hi' });
    expect(reply.frames[1]).toEqual({ 'response.hologram': { level: 3 } });
  });

  it('puts the candidate id and index on a candidate-shaped stream error', async () => {
    const chatId = await client.createChat();
    fake.script({ kind: 'stream-error', code: 'internal_error', details: 'Allocated quota exceeded, please increase your quota limit.', afterChunks: 0, shape: 'candidate' });
    const reply = await client.ask({ chatId, parentId: null, content: 'Hi' });
    expect(reply.frames.at(-1)).toEqual({ error: { code: 'internal_error', details: expect.stringContaining('quota exceeded') }, response_id: expect.any(String), response_index: 0 });
  });

  it.each([
    ['bare', { code: 'RateLimited', detail: 'limit reached' }],
    ['delta-status', { choices: [{ delta: { role: 'assistant', content: 'limit reached', phase: 'answer', status: 'error' } }], response_id: expect.any(String), timestamp: expect.any(Number) }],
  ] as const)('writes the %s stream-error shape', async (shape, expected) => {
    const chatId = await client.createChat();
    fake.script({ kind: 'stream-error', code: 'RateLimited', details: 'limit reached', afterChunks: 0, shape });
    const reply = await client.ask({ chatId, parentId: null, content: 'Hi' });
    expect(reply.frames.at(-1)).toEqual(expected);
  });
});
