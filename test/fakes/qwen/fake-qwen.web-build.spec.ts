import { FAKE_WEB_VERSION, startFakeQwen, type FakeQwen, type IssuedAccount } from './index';
import { completionBody, QwenBrowserClient } from './spec-support/qwen-browser.client';
import { receiveStream } from './spec-support/sse-stream.reader';

describe('fake chat.qwen.ai: the front-end build and its version header (audit B1)', () => {
  let fake: FakeQwen;
  let account: IssuedAccount;
  let client: QwenBrowserClient;

  beforeEach(async () => {
    fake = await startFakeQwen({ chunkIntervalMs: 0 });
    account = fake.issueAccount();
    client = new QwenBrowserClient(fake.url, account);
  });
  afterEach(() => fake.close());

  it('serves a homepage whose asset paths name the current version, and can deploy a new one', async () => {
    const first = await (await fetch(`${fake.url}/`)).text();
    expect(first).toContain(`/qwen-chat-fe/${FAKE_WEB_VERSION}/js/main.js`);
    fake.deployWebVersion('0.4.2');
    const second = await (await fetch(`${fake.url}/`)).text();
    expect(second).toContain('/qwen-chat-fe/0.4.2/js/main.js');
    expect(second).not.toContain(FAKE_WEB_VERSION);
    expect(fake.homepageVisits).toBe(2);
    // Page loads are not API calls.
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    ['without a version header', { version: undefined }],
    ['with a stale version header', { version: '0.2.66' }],
  ])('answers a completion %s with the Bad_Request envelope', async (_case, headers) => {
    const chatId = await client.createChat();
    const response = await client.postCompletion(chatId, completionBody({ chatId, parentId: null, content: 'Hi' }), headers);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ success: false, data: { code: 'Bad_Request' } });
    expect(fake.requests.at(-1)!.outcome).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/version/) });
  });

  it('streams a completion with the current version', async () => {
    const chatId = await client.createChat();
    const response = await client.postCompletion(chatId, completionBody({ chatId, parentId: null, content: 'Hi' }));
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    await receiveStream(response);
  });

  it('answers chats/new with a stale version with the top-level unauthorized shape, and accepts none', async () => {
    fake.deployWebVersion('0.4.2');
    const stale = await client.post('/api/v2/chats/new', { models: ['qwen3-max'], chat_mode: 'normal', chat_type: 't2t', timestamp: Date.now() });
    expect(stale.status).toBe(200);
    expect(await stale.json()).toEqual({ code: 'unauthorized', details: '401 Unauthorized' });
    const withoutVersion = await client.post(
      '/api/v2/chats/new',
      { models: ['qwen3-max'], chat_mode: 'normal', chat_type: 't2t', timestamp: Date.now(), project_id: '' },
      { version: undefined },
    );
    expect(((await withoutVersion.json()) as { data: { id: string } }).data.id).toEqual(expect.any(String));
  });
});
