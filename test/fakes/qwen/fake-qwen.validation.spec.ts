import { startFakeQwen, type FakeQwen, type IssuedAccount, type RequestOutcome } from './index';
import { completionBody, QwenBrowserClient, type CompletionInput } from './spec-support/qwen-browser.client';
import { answerTextOf, createdOf, receiveStream } from './spec-support/sse-stream.reader';

/** The last recorded request's outcome, once it was rejected. */
function lastRejection(fake: FakeQwen): Extract<RequestOutcome, { status: 'rejected' }> {
  const outcome = fake.requests.at(-1)!.outcome;
  if (outcome.status !== 'rejected') {
    throw new Error(`expected a rejection, got ${JSON.stringify(outcome)}`);
  }
  return outcome;
}

const BAD_REQUEST = { success: false, request_id: expect.any(String), data: { code: 'Bad_Request', details: expect.any(String) } };

describe('fake chat.qwen.ai: what it rejects', () => {
  let fake: FakeQwen;
  let account: IssuedAccount;
  let client: QwenBrowserClient;
  let chatId: string;
  const turn = (overrides: Partial<CompletionInput> = {}) => completionBody({ chatId, parentId: null, content: 'Hello', ...overrides });

  beforeAll(async () => {
    fake = await startFakeQwen({ chunkIntervalMs: 0 });
  });
  beforeEach(async () => {
    account = fake.issueAccount();
    client = new QwenBrowserClient(fake.url, account);
    chatId = await client.createChat();
    fake.reset();
  });
  afterAll(() => fake.close());

  async function expectBadRequest(response: Response, reason: RegExp): Promise<void> {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(BAD_REQUEST);
    expect(lastRejection(fake)).toMatchObject({ code: 'Bad_Request', reason: expect.stringMatching(reason) });
  }

  describe('authentication', () => {
    it.each([
      ['no Authorization header', { authorization: undefined }, /Bearer/],
      ['a malformed token', { authorization: 'Bearer not-a-jwt', cookie: 'token=not-a-jwt' }, /not issued/],
      ['a token the fake never issued', { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IngifQ.c2ln' }, /not issued/],
    ])('answers a real 401 to %s', async (_case, headers, reason) => {
      const response = await client.post('/api/v2/chats/new', { models: ['qwen3-max'] }, headers);
      expect(response.status).toBe(401);
      expect(lastRejection(fake)).toMatchObject({ httpStatus: 401, reason: expect.stringMatching(reason) });
    });

    it('answers 401 when the bearer token and the token cookie differ', async () => {
      const other = fake.issueAccount();
      const response = await client.post('/api/v2/chats/new', {}, { authorization: `Bearer ${other.token}` });
      expect(response.status).toBe(401);
      expect(lastRejection(fake).reason).toMatch(/differs from the token cookie/);
    });

    it('answers the 200 "unauthorized" envelope to an expired token', async () => {
      const expired = fake.issueAccount({ expiresInSeconds: -60 });
      const response = await new QwenBrowserClient(fake.url, expired).post('/api/v2/chats/new', {});
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        success: false,
        request_id: expect.any(String),
        data: { code: 'unauthorized', details: 'Token has expired, please log in again.' },
      });
    });

    it('answers 401 on the profile for unknown and expired tokens', async () => {
      const expired = fake.issueAccount({ expiresInSeconds: -1 });
      for (const token of ['garbage', expired.token]) {
        const response = await fetch(`${fake.url}/api/v1/auths/`, { headers: { authorization: `Bearer ${token}` } });
        expect(response.status).toBe(401);
      }
    });

    it('does not know the profile path without its trailing slash', async () => {
      const response = await fetch(`${fake.url}/api/v1/auths`, { headers: { authorization: `Bearer ${account.token}` } });
      expect(response.status).toBe(404);
    });
  });

  describe('browser headers', () => {
    it.each([
      ['source', { source: undefined }],
      ['x-request-id', { 'x-request-id': undefined }],
      ['x-request-id', { 'x-request-id': 'not-a-uuid' }],
      ['x-request-id', { 'x-request-id': '6ba7b810-9dad-11d1-80b4-00c04fd430c8' }],
      ['user-agent', { 'user-agent': 'node' }],
      ['user-agent', { 'user-agent': undefined }],
    ])('refuses a request with a missing or wrong %s header', async (header, overrides) => {
      await expectBadRequest(await client.postCompletion(chatId, turn(), overrides), new RegExp(header));
    });

    it('notes a reused x-request-id', async () => {
      const requestId = '3b241101-e2bb-4255-8caf-4136c566a962';
      await client.post('/api/v2/chats/new', { models: [] }, { 'x-request-id': requestId });
      await client.post('/api/v2/chats/new', { models: [] }, { 'x-request-id': requestId });
      expect(fake.requests[1]!.notes).toEqual([expect.stringMatching(/already used/)]);
    });
  });

  describe('cookies', () => {
    it.each([['acw_tc'], ['ssxmod_itna'], ['token']])('refuses a completion without the %s cookie', async (name) => {
      const cookies = account.cookies.split('; ').filter((cookie) => !cookie.startsWith(`${name}=`)).join('; ');
      await expectBadRequest(await client.postCompletion(chatId, turn(), { cookie: cookies }), new RegExp(name));
    });

    it('still creates chats with the token alone', async () => {
      const response = await client.post('/api/v2/chats/new', {
        title: 'New Chat', models: ['qwen3-max'], chat_mode: 'normal', chat_type: 't2t', timestamp: Date.now(),
      }, { cookie: undefined });
      expect(await response.json()).toMatchObject({ success: true });
    });
  });

  describe('chats/new body', () => {
    const valid = { title: 'New Chat', models: ['qwen3-max'], chat_mode: 'normal', chat_type: 't2t', timestamp: Date.now(), project_id: '' };
    it.each([
      ['a timestamp in seconds', { timestamp: Math.floor(Date.now() / 1000) }, /milliseconds/],
      ['no models', { models: [] }, /exactly one/],
      ['two models', { models: ['qwen3-max', 'qwq-32b'] }, /exactly one/],
      ['an unknown model', { models: ['gpt-4o'] }, /not in the catalogue/],
      ['the display name instead of the id', { models: ['Qwen3-Max'] }, /not in the catalogue/],
      ['a chat_type the model does not offer', { models: ['qwq-32b'], chat_type: 't2i' }, /not offered/],
      ['an unknown chat_mode', { chat_mode: 'private' }, /chat_mode/],
      ['no chat_type', { chat_type: undefined }, /chat_type/],
      ['no timestamp', { timestamp: undefined }, /timestamp/],
    ])('refuses %s', async (_case, overrides, reason) => {
      await expectBadRequest(await client.post('/api/v2/chats/new', { ...valid, ...overrides }), reason);
    });

    it('refuses a body that is not JSON', async () => {
      await expectBadRequest(await client.post('/api/v2/chats/new', 'not json'), /body/);
    });
  });

  describe('completion body', () => {
    it('refuses stream: false', async () => {
      await expectBadRequest(await client.postCompletion(chatId, { ...turn(), stream: false }), /stream/);
    });

    it('refuses more than one message with the real message', async () => {
      const body = turn();
      const response = await client.postCompletion(chatId, { ...body, messages: [body.messages[0], body.messages[0]] });
      expect(await response.json()).toMatchObject({ data: { code: 'Bad_Request', details: 'Invalid input too many messages.' } });
    });

    it('refuses no message at all, and a message that is not the user\'s', async () => {
      const body = turn();
      await expectBadRequest(await client.postCompletion(chatId, { ...body, messages: [] }), /messages\[0\]/);
      await expectBadRequest(await client.postCompletion(chatId, { ...body, messages: [{ ...body.messages[0], role: 'system' }] }), /role/);
    });

    it('refuses timestamps in milliseconds, at the top and in the message', async () => {
      const body = turn();
      await expectBadRequest(await client.postCompletion(chatId, { ...body, timestamp: Date.now() }), /"timestamp"/);
      await expectBadRequest(
        await client.postCompletion(chatId, { ...body, messages: [{ ...body.messages[0], timestamp: Date.now() }] }),
        /messages\[0\]\.timestamp/,
      );
      await expectBadRequest(await client.postCompletion(chatId, { ...body, timestamp: Date.now() / 1000 }), /whole seconds/);
    });

    it('refuses parent ids that disagree or are left out', async () => {
      const first = await client.ask({ chatId, parentId: null, content: 'one' });
      const responseId = createdOf(first.frames).response_id;
      const body = turn({ parentId: responseId });
      await expectBadRequest(await client.postCompletion(chatId, { ...body, parent_id: null }), /disagree/);
      await expectBadRequest(
        await client.postCompletion(chatId, { ...body, messages: [{ ...body.messages[0], parentId: null }] }),
        /disagree/,
      );
      const { parent_id: _left, ...withoutTopLevel } = body;
      await expectBadRequest(await client.postCompletion(chatId, withoutTopLevel), /parent_id/);
      const { parentId: _camelCase, ...messageWithoutCamelCase } = body.messages[0]!;
      await expectBadRequest(await client.postCompletion(chatId, { ...body, messages: [messageWithoutCamelCase] }), /parentId/);
    });

    it('refuses an unknown model', async () => {
      await expectBadRequest(await client.postCompletion(chatId, turn({ model: 'Qwen3-Max' })), /not in the catalogue/);
    });

    it('refuses a message chat_type that differs from the chat', async () => {
      await expectBadRequest(await client.postCompletion(chatId, turn({ chatType: 'search' })), /chat_type/);
    });

    describe('t2i (image generation)', () => {
      let drawingChatId: string;
      beforeEach(async () => {
        drawingChatId = await client.createChat({ chat_type: 't2i' });
        fake.reset();
      });
      const drawing = (overrides: Partial<CompletionInput> = {}, size?: string) => ({
        ...completionBody({ chatId: drawingChatId, parentId: null, content: 'A panda', chatType: 't2i', ...overrides }),
        ...(size === undefined ? {} : { size }),
      });

      it('refuses a t2i completion to a model that does not list t2i', async () => {
        await expectBadRequest(await client.postCompletion(drawingChatId, drawing({ model: 'qwq-32b' }, '1:1')), /does not list chat_type "t2i"/);
      });

      it('refuses an aspect ratio the web UI does not offer', async () => {
        await expectBadRequest(await client.postCompletion(drawingChatId, drawing({}, '1024x1024')), /size "1024x1024" is not one of 1:1, 16:9/);
      });

      it('draws with an offered ratio: image_gen frames with output_image_hw, the URL served by the fake', async () => {
        const response = await client.postCompletion(drawingChatId, drawing({}, '16:9'));
        const raw = await response.text();
        const frames = raw.split('\n\n').filter((event) => event.includes('"image_gen"') && event.includes('"typing"')).map((event) => JSON.parse(event.slice(6)));
        expect(frames).toHaveLength(1);
        const delta = frames[0].choices[0].delta;
        expect(delta.extra.output_image_hw).toEqual([[1024, 1024]]);
        expect(delta.content).toMatch(new RegExp(`^${fake.url}/__fake/images/`));
        const picture = await fetch(delta.content);
        expect(picture.headers.get('content-type')).toBe('image/png');
      });
    });

    it('refuses a body chat_id that differs from the query', async () => {
      await expectBadRequest(await client.postCompletion(chatId, { ...turn(), chat_id: 'another' }), /differs from the query/);
    });

    it('refuses a completion without the chat_id query parameter', async () => {
      await expectBadRequest(await client.post('/api/v2/chat/completions', turn()), /chat_id/);
    });
  });

  describe('chats and parents', () => {
    it.each([
      ['a made-up chat id', () => '0b6e1f4e-5a4f-4f0e-9d36-1c2a7d1b2c3d'],
      ['a chat of another account', () => chatId],
    ])('answers Not_Found for %s', async (_case, chosenChat) => {
      const stranger = new QwenBrowserClient(fake.url, fake.issueAccount());
      const id = chosenChat();
      const response = await stranger.postCompletion(id, completionBody({ chatId: id, parentId: null, content: 'hi' }));
      expect(await response.json()).toEqual({ success: false, request_id: expect.any(String), data: { code: 'Not_Found', details: expect.any(String) } });
    });

    it.each([
      ['a made-up id', () => Promise.resolve('root')],
      ['the user message id of response.created', async () => createdOf((await client.ask({ chatId, parentId: null, content: 'one' })).frames).parent_id],
      ['a response id of another chat', async () => {
        const otherChat = await client.createChat();
        return createdOf((await client.ask({ chatId: otherChat, parentId: null, content: 'one' })).frames).response_id;
      }],
    ])('refuses %s as parent_id with the real message', async (_case, chooseParent) => {
      const parentId = await chooseParent();
      const response = await client.postCompletion(chatId, turn({ parentId }));
      expect(await response.json()).toEqual({
        success: false,
        request_id: expect.any(String),
        data: { code: 'Bad_Request', details: `Invalid input chat parent_id ${parentId} is not exist.` },
      });
    });

    it('starts a new branch, with a note, when parent_id is null on a chat with history', async () => {
      await client.ask({ chatId, parentId: null, content: 'one' });
      const again = await client.ask({ chatId, parentId: null, content: 'again' });
      expect(answerTextOf(again.frames)).toBe('You said: "again" (turn 1 of this chat; I remember: nothing)');
      expect(fake.requests.at(-1)!.notes).toEqual([expect.stringMatching(/new branch/)]);
    });
  });

  describe('answers the real service degrades instead of refusing', () => {
    it('streams empty answer frames without phase when output_schema is not "phase"', async () => {
      const reply = await client.ask({ chatId, parentId: null, content: 'Hello', featureConfig: { output_schema: undefined } });
      const deltas = reply.frames.slice(1).map((frame) => (frame as { choices: Array<{ delta: Record<string, unknown> }> }).choices[0]!.delta);
      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.every((delta) => delta['content'] === '' && !('phase' in delta))).toBe(true);
      expect(fake.requests.at(-1)!.notes).toEqual([expect.stringMatching(/output_schema/)]);
    });

    it('streams whole-text snapshots when incremental_output is not true', async () => {
      const body = { ...turn(), incremental_output: false };
      const response = await client.postCompletion(chatId, body);
      const raw = Buffer.concat((await receiveStream(response)).chunks).toString();
      const contents = raw.split('\n\n').filter((event) => event.includes('"typing"')).map((event) => JSON.parse(event.slice(6)).choices[0].delta.content as string);
      contents.slice(1).forEach((content, index) => expect(content.startsWith(contents[index]!)).toBe(true));
      expect(contents.at(-1)).toBe('You said: "Hello" (turn 1 of this chat; I remember: nothing)');
    });
  });

  it('answers unknown routes with a JSON 404 and wrong methods with a 405, and records both', async () => {
    const unknown = await fetch(`${fake.url}/api/v3/whatever`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: 'Not Found' });
    const wrongMethod = await fetch(`${fake.url}/api/v2/chats/new`);
    expect(wrongMethod.status).toBe(405);
    expect(fake.requests.map((request) => request.outcome.status)).toEqual(['rejected', 'rejected']);
  });
});
