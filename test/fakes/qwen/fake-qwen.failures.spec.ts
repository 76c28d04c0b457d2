import { FAILURE_NAMES, startFakeQwen, type FakeQwen, type FailureName } from './index';
import { QwenBrowserClient } from './spec-support/qwen-browser.client';
import { createdOf } from './spec-support/sse-stream.reader';

/** What each failure of protocol §6 looks like on the wire. */
const EXPECTED: Record<FailureName, { status: number; contentType: RegExp; body: (text: string) => void }> = {
  'daily-limit': json(200, {
    success: false,
    request_id: expect.any(String),
    data: { code: 'RateLimited', details: "You've reached the upper limit for today's usage.", template: expect.stringContaining('{{num}}'), num: 10 },
  }),
  overloaded: json(200, { success: false, request_id: expect.any(String), data: { code: 'quota_limit', details: expect.any(String) } }),
  'bad-request': json(200, { success: false, request_id: expect.any(String), data: { code: 'Bad_Request', details: 'Internal error...' } }),
  'token-expired': json(200, {
    success: false,
    request_id: expect.any(String),
    data: { code: 'unauthorized', details: 'Token has expired, please log in again.' },
  }),
  'http-401': json(401, { success: false, request_id: expect.any(String), data: { code: 'Unauthorized', details: expect.any(String) } }),
  'http-403': json(403, { success: false, request_id: expect.any(String), data: { code: 'Forbidden', details: expect.any(String) } }),
  'http-500': json(500, { success: false, request_id: expect.any(String), data: { code: 'Internal_Server_Error', details: expect.any(String) } }),
  'waf-html': {
    status: 200,
    contentType: /^text\/html/,
    body: (text) => {
      expect(text).toMatch(/^<!doctype html>/);
      expect(text).toContain('aliyun_waf_aa');
    },
  },
  captcha: json(200, {
    ret: ['FAIL_SYS_USER_VALIDATE', expect.stringMatching(/^RGV587_ERROR::SM::/)],
    data: { url: expect.stringMatching(/\/_____tmd_____\/punish\?x5secdata=\w+.*&action=captchaconnect$/) },
  }),
  moderation: json(200, { success: false, request_id: expect.any(String), data: { code: 'data_inspection_failed', details: expect.any(String) } }),
  'unknown-parent': json(200, {
    success: false,
    request_id: expect.any(String),
    data: { code: 'Bad_Request', details: expect.stringMatching(/^Invalid input chat parent_id \S+ is not exist\.$/) },
  }),
  'not-found': json(200, { success: false, request_id: expect.any(String), data: { code: 'Not_Found', details: expect.any(String) } }),
  'rate-limited-template': json(200, { data: { code: 'RateLimited', template: expect.stringContaining('{{num}} hours') } }),
  'unauthorized-bare': json(200, { code: 'unauthorized', details: '401 Unauthorized' }),
  'parallel-limited': json(200, { success: false, request_id: expect.any(String), data: { code: 'ParallelLimited', details: expect.any(String) } }),
  'quota-limited': json(200, { success: false, request_id: expect.any(String), data: { code: 'quotaLimited', details: expect.any(String) } }),
  'http-402': json(402, { success: false, request_id: expect.any(String), data: { code: 'quotaLimited', details: expect.any(String) } }),
  'invalid-input': json(200, { success: false, request_id: expect.any(String), data: { code: 'invalid_input', details: expect.any(String) } }),
  'not-found-lowercase': json(200, { success: false, request_id: expect.any(String), data: { code: 'not found', details: 'Not Found' } }),
  'guest-limit': json(200, { success: false, request_id: expect.any(String), data: { code: 'Forbidden', details: expect.stringMatching(/guest chat limit.*Log in to continue/) } }),
};

function json(status: number, expected: unknown) {
  return { status, contentType: /^application\/json/, body: (text: string) => expect(JSON.parse(text)).toEqual(expected) };
}

describe('fake chat.qwen.ai: scripted failures', () => {
  let fake: FakeQwen;
  let client: QwenBrowserClient;
  let chatId: string;

  beforeAll(async () => {
    fake = await startFakeQwen({ chunkIntervalMs: 0 });
  });
  beforeEach(async () => {
    fake.reset();
    client = new QwenBrowserClient(fake.url, fake.issueAccount());
    chatId = await client.createChat();
  });
  afterAll(() => fake.close());

  it.each(FAILURE_NAMES.map((failure) => [failure]))('answers %s exactly as protocol §6 says', async (failure) => {
    const first = await client.ask({ chatId, parentId: null, content: 'one' });
    fake.failNext(failure);
    const reply = await client.ask({ chatId, parentId: createdOf(first.frames).response_id, content: 'two' });

    const expected = EXPECTED[failure];
    expect(reply.response.status).toBe(expected.status);
    expect(reply.response.headers.get('content-type')).toMatch(expected.contentType);
    expected.body(reply.raw);
    expect(fake.requests.at(-1)!.outcome).toMatchObject({ status: 'failed-as-scripted', failure, httpStatus: expected.status });
  });

  it('names the parent that was sent in the unknown-parent failure', async () => {
    const first = await client.ask({ chatId, parentId: null, content: 'one' });
    const parentId = createdOf(first.frames).response_id;
    fake.failNext('unknown-parent');
    const reply = await client.ask({ chatId, parentId, content: 'two' });
    expect(JSON.parse(reply.raw).data.details).toBe(`Invalid input chat parent_id ${parentId} is not exist.`);
  });

  it('takes the hours to wait and custom details, and fails as many times as asked', async () => {
    fake.failNext('daily-limit', { num: 3, times: 2 });
    fake.failNext('moderation', { details: 'Nope.' });
    const answers = [];
    for (let turn = 0; turn < 4; turn += 1) {
      const chat = await client.createChat();
      answers.push(await client.ask({ chatId: chat, parentId: null, content: 'hi' }));
    }
    expect(JSON.parse(answers[0]!.raw).data).toMatchObject({ code: 'RateLimited', num: 3 });
    expect(JSON.parse(answers[1]!.raw).data).toMatchObject({ code: 'RateLimited', num: 3 });
    expect(JSON.parse(answers[2]!.raw).data).toEqual({ code: 'data_inspection_failed', details: 'Nope.' });
    expect(answers[3]!.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  });

  it('stores nothing in the chat when a turn fails', async () => {
    fake.failNext('overloaded');
    await client.ask({ chatId, parentId: null, content: 'lost' });
    expect(fake.chats.get(chatId)!.messages).toEqual([]);
  });

  it('keeps a scripted failure for the next valid completion, not for a rejected one', async () => {
    fake.failNext('captcha');
    const rejected = await client.postCompletion(chatId, { stream: false });
    expect((await rejected.json()) as unknown).toMatchObject({ data: { code: 'Bad_Request' } });
    const reply = await client.ask({ chatId, parentId: null, content: 'hi' });
    expect(JSON.parse(reply.raw)).toMatchObject({ ret: ['FAIL_SYS_USER_VALIDATE', expect.any(String)] });
  });
});
