import { startFakeQwen, type FakeQwen, type IssuedAccount } from './index';
import { browserHeaders, completionBody, QwenBrowserClient } from './spec-support/qwen-browser.client';
import { eventually } from './spec-support/eventually';
import { receiveStream } from './spec-support/sse-stream.reader';

describe('fake chat.qwen.ai: running generations, stop, and the body-size captcha (audit B4, B5)', () => {
  let fake: FakeQwen;
  let account: IssuedAccount;
  let client: QwenBrowserClient;

  beforeEach(async () => {
    fake = await startFakeQwen({ chunkIntervalMs: 0, abandonedGenerationMs: 60_000 });
    account = fake.issueAccount();
    client = new QwenBrowserClient(fake.url, account);
  });
  afterEach(() => fake.close());

  /** Starts a held-open answer, reads its first frame, then hangs up. */
  async function abandonAnswer(chatId: string): Promise<string> {
    fake.script({ kind: 'keep-alive', count: 1000, intervalMs: 20, text: 'A long answer' });
    const controller = new AbortController();
    const response = await fetch(`${fake.url}/api/v2/chat/completions?chat_id=${chatId}`, {
      method: 'POST',
      headers: browserHeaders(account),
      body: JSON.stringify(completionBody({ chatId, parentId: null, content: 'Write a lot' })),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    await eventually(() => fake.completionsAborted === 1);
    return /"response_id":\s*"([^"]+)"/.exec(first)![1]!;
  }

  it('answers "The chat is in progress!" while an abandoned generation runs, until it is stopped', async () => {
    const chatId = await client.createChat();
    const responseId = await abandonAnswer(chatId);
    expect(fake.isGenerating(chatId)).toBe(true);

    const busy = await client.postCompletion(chatId, completionBody({ chatId, parentId: null, content: 'Next' }));
    expect(await busy.json()).toMatchObject({ success: false, data: { code: 'Bad_Request', details: 'The chat is in progress!' } });

    const stop = await client.post(`/api/v2/chat/completions/stop?chat_id=${chatId}`, { chat_id: chatId, response_id: responseId });
    expect(await stop.json()).toMatchObject({ success: true });
    expect(fake.stops).toEqual([{ chatId, responseId, stoppedRunning: true }]);
    expect(fake.isGenerating(chatId)).toBe(false);

    const next = await client.postCompletion(chatId, completionBody({ chatId, parentId: null, content: 'Next' }));
    expect(next.headers.get('content-type')).toMatch(/text\/event-stream/);
    await receiveStream(next);
  });

  it('ends an abandoned generation by itself after abandonedGenerationMs', async () => {
    await fake.close();
    fake = await startFakeQwen({ chunkIntervalMs: 0, abandonedGenerationMs: 50 });
    account = fake.issueAccount();
    client = new QwenBrowserClient(fake.url, account);
    const chatId = await client.createChat();
    await abandonAnswer(chatId);
    await eventually(() => !fake.isGenerating(chatId));
  });

  it('does not keep a finished generation running', async () => {
    const chatId = await client.createChat();
    await client.ask({ chatId, parentId: null, content: 'Hi' });
    expect(fake.isGenerating(chatId)).toBe(false);
  });

  it('answers a completion body over 128 KiB with the risk-control captcha JSON', async () => {
    const chatId = await client.createChat();
    const big = await client.postCompletion(chatId, completionBody({ chatId, parentId: null, content: 'x'.repeat(130 * 1024) }));
    expect(big.status).toBe(200);
    const answer = (await big.json()) as { ret: string[]; data: { url: string } };
    expect(answer.ret[0]).toBe('FAIL_SYS_USER_VALIDATE');
    expect(answer.data.url).toMatch(/_____tmd_____\/punish/);
    const fits = await client.postCompletion(chatId, completionBody({ chatId, parentId: null, content: 'x'.repeat(100 * 1024) }));
    expect(fits.headers.get('content-type')).toMatch(/text\/event-stream/);
    await receiveStream(fits);
  });
});
