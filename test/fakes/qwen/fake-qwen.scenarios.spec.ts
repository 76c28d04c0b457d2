import { startFakeQwen, type FakeQwen, type IssuedAccount } from './index';
import { browserHeaders, completionBody, QwenBrowserClient } from './spec-support/qwen-browser.client';
import { answerTextOf, collapseRuns, deltaOf, frameSignature, parseSseFrames, receiveStream } from './spec-support/sse-stream.reader';
import { eventually } from './spec-support/eventually';

describe('fake chat.qwen.ai: scripted stream scenarios', () => {
  let fake: FakeQwen;
  let account: IssuedAccount;
  let client: QwenBrowserClient;
  let chatId: string;
  const ask = (content = 'Hello') => client.ask({ chatId, parentId: null, content });
  const sequence = (frames: unknown[]) => collapseRuns(frames.map(frameSignature));

  beforeAll(async () => {
    fake = await startFakeQwen({ chunkIntervalMs: 0 });
  });
  beforeEach(async () => {
    fake.reset();
    account = fake.issueAccount();
    client = new QwenBrowserClient(fake.url, account);
    chatId = await client.createChat();
  });
  afterAll(() => fake.close());

  it('answers scripted text in the scripted chunks, FIFO, then falls back to the default', async () => {
    fake.script({ kind: 'answer', text: 'ignored', chunks: ['Hel', 'lo ', 'wörld'] }, { kind: 'answer', text: 'second' });
    const first = await ask();
    expect(first.frames.map(deltaOf).filter((delta) => delta?.['status'] === 'typing').map((delta) => delta!['content'])).toEqual(['Hel', 'lo ', 'wörld']);
    expect(answerTextOf((await ask()).frames)).toBe('second');
    expect(answerTextOf((await ask('third')).frames)).toMatch(/^You said: "third"/);
  });

  it('thinks in summary format: growing snapshots, a finished that is not the end, then the answer', async () => {
    fake.script({ kind: 'thinking-summary', thoughts: ['First idea here.', 'Second idea.'], title: 'Plan', text: 'Done thinking, here it is.' });
    const reply = await ask();
    expect(sequence(reply.frames)).toEqual(['created', 'thinking_summary:typing+', 'thinking_summary:finished', 'answer:typing+', 'answer:finished']);
    const snapshots = reply.frames
      .map(deltaOf)
      .filter((delta) => delta?.['phase'] === 'thinking_summary' && delta['status'] === 'typing')
      .map((delta) => (delta!['extra'] as { summary_thought: { content: string[] } }).summary_thought.content);
    expect(snapshots).toEqual([['First id'], ['First idea here.'], ['First idea here.', 'Second'], ['First idea here.', 'Second idea.']]);
    expect(reply.frames.map(deltaOf).filter((delta) => delta?.['phase'] === 'thinking_summary').every((delta) => delta!['content'] === '')).toBe(true);
    expect(answerTextOf(reply.frames)).toBe('Done thinking, here it is.');
    const lastThinking = reply.frames.filter((frame) => deltaOf(frame)?.['phase'] === 'thinking_summary' && deltaOf(frame)?.['status'] === 'typing').at(-1) as { usage: { output_tokens_details: { reasoning_tokens: number } } };
    expect(lastThinking.usage.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it('thinks in detail format: reasoning deltas in phase think', async () => {
    fake.script({ kind: 'thinking-detail', reasoning: 'Let me reason about it.', text: 'The answer, after reasoning.' });
    const reply = await ask();
    expect(sequence(reply.frames)).toEqual(['created', 'think:typing+', 'think:finished', 'answer:typing+', 'answer:finished']);
    const reasoning = reply.frames.map(deltaOf).filter((delta) => delta?.['phase'] === 'think').map((delta) => delta!['content']).join('');
    expect(reasoning).toBe('Let me reason about it.');
  });

  it('searches first, with the sources in extra.web_search_info', async () => {
    const sources = [{ title: 'Qwen', url: 'https://qwen.ai/research', snippet: 'Research.' }];
    fake.script({ kind: 'search', sources, text: 'Found it on the web [1].' });
    const reply = await ask('what is qwen');
    expect(sequence(reply.frames)).toEqual(['created', 'web_search:typing', 'web_search:finished', 'answer:typing+', 'answer:finished']);
    const call = deltaOf(reply.frames[1])!;
    expect(call['function_call']).toEqual({ name: 'web_search', arguments: JSON.stringify({ queries: ['what is qwen'] }) });
    const result = deltaOf(reply.frames[2])!;
    expect((result['extra'] as { web_search_info: unknown }).web_search_info).toEqual([{ ...sources[0], hostname: 'qwen.ai' }]);
  });

  it('sends keep-alive frames before the answer', async () => {
    fake.script({ kind: 'keep-alive', count: 3, text: 'Still awake after all.' });
    const reply = await ask();
    expect(sequence(reply.frames)).toEqual(['created', 'keep-alive+', 'answer:typing+', 'answer:finished']);
    expect(reply.frames[1]).toEqual({ 'response.info': { action: 'keep_alive', chat_id: chatId, response_id: expect.any(String), timestamp: expect.any(Number) } });
  });

  it('spaces keep-alive frames when asked to', async () => {
    fake.script({ kind: 'keep-alive', count: 2, intervalMs: 60, text: 'Awake.' });
    const started = Date.now();
    await ask();
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('sends whole-text snapshots in the snapshot scenario', async () => {
    fake.script({ kind: 'snapshot-answer', text: 'one two three four five' });
    const contents = (await ask()).frames.map(deltaOf).filter((delta) => delta?.['status'] === 'typing').map((delta) => String(delta!['content']));
    expect(contents).toEqual(['one two ', 'one two three four ', 'one two three four five']);
  });

  it('uses the output_text shape', async () => {
    fake.script({ kind: 'output-text-shape', text: 'alpha beta gamma' });
    const reply = await ask();
    expect(sequence(reply.frames)).toEqual(['created', 'output-text+', 'completed']);
    const deltas = reply.frames.slice(1, -1).map((frame) => (frame as { 'response.output_text.delta': { delta: string } })['response.output_text.delta'].delta);
    expect(deltas.join('')).toBe('alpha beta gamma');
  });

  it('generates images in phase image_gen, one URL per frame', async () => {
    fake.script({ kind: 'image', urls: ['https://cdn.example/a.png', 'https://cdn.example/b.png'] });
    const reply = await ask();
    expect(sequence(reply.frames)).toEqual(['created', 'image_gen:typing+', 'image_gen:finished']);
    expect(reply.frames.map(deltaOf).filter((delta) => delta?.['status'] === 'typing').map((delta) => delta!['content'])).toEqual([
      'https://cdn.example/a.png',
      'https://cdn.example/b.png',
    ]);
  });

  it('cuts the connection before the finished frame', async () => {
    fake.script({ kind: 'cut', afterChunks: 2, text: 'one two three four five six' });
    const reply = await ask();
    expect(reply.received.error).toBeDefined();
    expect(sequence(reply.frames)).toEqual(['created', 'answer:typing+']);
    expect(answerTextOf(reply.frames)).toBe('one two three four ');
    expect(fake.completionsAborted).toBe(0);
  });

  it('can also end a cut stream cleanly, still without the finished frame', async () => {
    fake.script({ kind: 'cut', afterChunks: 1, text: 'one two three', ending: 'end' });
    const reply = await ask();
    expect(reply.received.error).toBeUndefined();
    expect(sequence(reply.frames)).toEqual(['created', 'answer:typing']);
  });

  it('waits before the first byte in the slow scenario', async () => {
    fake.script({ kind: 'slow-first-byte', delayMs: 150, text: 'Late.' });
    const started = Date.now();
    const response = await client.postCompletion(chatId, completionBody({ chatId, parentId: null, content: 'Hello' }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(answerTextOf(parseSseFrames(Buffer.concat((await receiveStream(response)).chunks).toString()))).toBe('Late.');
  });

  it('applies the fake-wide first byte delay', async () => {
    const slowFake = await startFakeQwen({ firstByteDelayMs: 120, chunkIntervalMs: 0 });
    try {
      const slowClient = new QwenBrowserClient(slowFake.url, slowFake.issueAccount());
      const slowChat = await slowClient.createChat();
      const started = Date.now();
      await slowClient.postCompletion(slowChat, completionBody({ chatId: slowChat, parentId: null, content: 'Hello' }));
      expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    } finally {
      await slowFake.close();
    }
  });

  it('hangs after the headers, and counts the client that gives up', async () => {
    fake.script({ kind: 'hang' });
    const abort = new AbortController();
    const response = await fetch(`${fake.url}/api/v2/chat/completions?chat_id=${chatId}`, {
      method: 'POST',
      headers: browserHeaders(account),
      body: JSON.stringify(completionBody({ chatId, parentId: null, content: 'Hello' })),
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(fake.openStreams).toBe(1);
    const reading = response.body!.getReader().read();
    const raced = await Promise.race([reading.then(() => 'data'), new Promise((resolve) => setTimeout(() => resolve('nothing'), 100))]);
    expect(raced).toBe('nothing');
    abort.abort();
    await expect(reading).rejects.toThrow();
    await eventually(() => fake.openStreams === 0);
    expect(fake.completionsAborted).toBe(1);
  });

  it('writes the split-bytes stream in many small writes, with CRLF, trailing spaces and comments', async () => {
    fake.script({ kind: 'split-bytes' });
    const response = await client.postCompletion(chatId, completionBody({ chatId, parentId: null, content: 'Hello' }));
    const { chunks } = await receiveStream(response);
    const whole = Buffer.concat(chunks);
    // Where exactly the cuts fall is the splitter's spec; over loopback, only "many writes" is stable.
    expect(chunks.length).toBeGreaterThan(10);
    expect(chunks.some((chunk) => chunk.length < 25)).toBe(true);

    const text = whole.toString('utf8');
    expect(text).toContain('\r\n\r\n');
    expect(text).toMatch(/\} {2}\n\n/);
    expect(text).toContain('\n: ping\n');
    const frames = parseSseFrames(text);
    expect(sequence(frames)).toEqual(['created', 'answer:typing+', 'answer:finished']);
    expect(answerTextOf(frames)).toBe('You said: "Hello" (turn 1 of this chat; I remember: nothing) héllo 世界 🎉');
  });

  it.each([
    ['top-level', { error: { code: 'Internal_Error', details: 'Boom.' } }],
    ['under-data', { data: { error: { code: 'Internal_Error', details: 'Boom.' } } }],
    ['envelope', { success: false, request_id: expect.any(String), data: { code: 'Internal_Error', details: 'Boom.' } }],
  ] as const)('sends an error frame (%s) inside the stream, then closes', async (shape, expected) => {
    fake.script({ kind: 'stream-error', code: 'Internal_Error', details: 'Boom.', afterChunks: 1, text: 'one two three', shape });
    const reply = await ask();
    expect(reply.received.error).toBeUndefined();
    expect(sequence(reply.frames)).toEqual(['created', 'answer:typing', 'error']);
    expect(reply.frames.at(-1)).toEqual(expected);
  });

  it('selects scenarios with magic words typed in the message', async () => {
    const thinking = await ask('Please [[thinking]]');
    expect(sequence(thinking.frames)).toContain('thinking_summary:finished');
    const limited = await client.ask({ chatId: await client.createChat(), parentId: null, content: '[[daily-limit]]' });
    expect(JSON.parse(limited.raw)).toMatchObject({ data: { code: 'RateLimited', num: 10 } });
    expect(fake.requests.at(-1)!.notes).toEqual([expect.stringMatching(/chosen by magic-word/)]);
  });

  it('remembers what a cut answer had said, and continues after it', async () => {
    fake.script({ kind: 'cut', afterChunks: 1, text: 'partial answer here' });
    const cut = await ask('first');
    const responseId = (cut.frames[0] as { 'response.created': { response_id: string } })['response.created'].response_id;
    expect(fake.chats.get(chatId)!.messages.find((message) => message.id === responseId)!.content).toBe('partial answer ');
    const next = await client.ask({ chatId, parentId: responseId, content: 'second' });
    expect(answerTextOf(next.frames)).toBe('You said: "second" (turn 2 of this chat; I remember: first)');
  });
});
