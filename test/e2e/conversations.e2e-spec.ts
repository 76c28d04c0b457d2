import type OpenAI from 'openai';
import { acceptedCompletions, sentContent, sentParentId, startTestStack, type TestStack } from './support/test-stack';

type Message = OpenAI.Chat.Completions.ChatCompletionMessageParam;

describe('conversations: an OpenAI history mapped onto Qwen chats', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.fake.reset());

  async function ask(messages: Message[], options: { headers?: Record<string, string>; user?: string } = {}): Promise<string> {
    const completion = await stack.openai.chat.completions.create(
      { model: 'qwen3-max', messages, ...(options.user ? { user: options.user } : {}) },
      { headers: options.headers },
    );
    return completion.choices[0]!.message.content ?? '';
  }

  it('continues the same Qwen chat, sending only the new turn with the right parent_id', async () => {
    const history: Message[] = [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'My name is Ada.' }];
    const first = await ask(history);
    history.push({ role: 'assistant', content: first }, { role: 'user', content: 'What is my name?' });
    const second = await ask(history);

    const [firstCall, secondCall] = acceptedCompletions(stack.fake);
    expect(sentParentId(firstCall!)).toBeNull();
    expect(sentContent(firstCall!)).toContain('Be brief.');
    expect(secondCall!.query['chat_id']).toBe(firstCall!.query['chat_id']);
    expect(sentContent(secondCall!)).toBe('What is my name?');
    expect(sentParentId(secondCall!)).toBe(stack.fake.chats.get(firstCall!.query['chat_id']!)!.messages.find((node) => node.role === 'assistant')!.id);
    // The fake answers from the parent chain it walked: it remembers turn one.
    expect(second).toContain('turn 2 of this chat');
    expect(second).toContain('My name is Ada.');
    expect(new Set(acceptedCompletions(stack.fake).map((request) => request.query['chat_id'])).size).toBe(1);
  });

  it('opens a new chat for an edited history and folds the earlier turns into its first message', async () => {
    const first = await ask([{ role: 'user', content: 'I like tea.' }]);
    await ask([
      { role: 'user', content: 'I like coffee.' },
      { role: 'assistant', content: first },
      { role: 'user', content: 'What do I like?' },
    ]);
    const [firstCall, editedCall] = acceptedCompletions(stack.fake);
    expect(editedCall!.query['chat_id']).not.toBe(firstCall!.query['chat_id']);
    expect(sentParentId(editedCall!)).toBeNull();
    expect(sentContent(editedCall!)).toContain('User: I like coffee.');
    expect(sentContent(editedCall!)).toContain(`Assistant: ${first}`);
    expect(sentContent(editedCall!)).toMatch(/\[Current message\]\nWhat do I like\?$/);
  });

  it('keeps a branch from the same point apart: a regenerated turn continues from the same parent', async () => {
    const first = await ask([{ role: 'user', content: 'Start' }]);
    const branch: Message[] = [{ role: 'user', content: 'Start' }, { role: 'assistant', content: first }, { role: 'user', content: 'Again' }];
    await ask(branch);
    await ask(branch);
    const calls = acceptedCompletions(stack.fake);
    expect(sentParentId(calls[1]!)).toBe(sentParentId(calls[2]!));
    expect(calls[2]!.query['chat_id']).toBe(calls[0]!.query['chat_id']);
  });

  it('uses an explicit x-session-id (or the user field) as the conversation key', async () => {
    await ask([{ role: 'user', content: 'First, keyed.' }], { headers: { 'x-session-id': 'conversation-42' } });
    // The client did not even resend the answer: the key alone continues the chat.
    const answer = await ask([{ role: 'user', content: 'Second, keyed.' }], { headers: { 'x-session-id': 'conversation-42' } });
    expect(answer).toContain('turn 2 of this chat');
    await ask([{ role: 'user', content: 'Hi' }], { user: 'user-7' });
    const byUser = await ask([{ role: 'user', content: 'Again' }], { user: 'user-7' });
    expect(byUser).toContain('turn 2 of this chat');
  });

  it('survives a restart: the next turn continues the stored chat', async () => {
    const history: Message[] = [{ role: 'user', content: 'Remember 7.' }];
    history.push({ role: 'assistant', content: await ask(history) }, { role: 'user', content: 'Which number?' });
    await stack.restart();
    const answer = await ask(history);
    expect(answer).toContain('turn 2 of this chat');
    expect(answer).toContain('Remember 7.');
  });

  it('starts afresh when Qwen no longer knows the parent (chat deleted in the browser)', async () => {
    const history: Message[] = [{ role: 'user', content: 'Before deletion.' }];
    history.push({ role: 'assistant', content: await ask(history) }, { role: 'user', content: 'After deletion.' });
    stack.fake.script({ kind: 'failure', failure: 'unknown-parent' });
    const answer = await ask(history);
    expect(answer).toContain('You said:');
    const last = acceptedCompletions(stack.fake).at(-1)!;
    expect(sentParentId(last)).toBeNull();
    expect(sentContent(last)).toContain('User: Before deletion.');
  });

  it('keeps 20 parallel conversations apart, each continuing its own chat', async () => {
    const conversations = Array.from({ length: 20 }, (_, index) => [{ role: 'user', content: `I am conversation ${index}.` }] as Message[]);
    const firsts = await Promise.all(conversations.map((messages) => ask(messages)));
    conversations.forEach((messages, index) => messages.push({ role: 'assistant', content: firsts[index]! }, { role: 'user', content: 'Who am I?' }));
    const seconds = await Promise.all(conversations.map((messages) => ask(messages)));
    seconds.forEach((answer, index) => {
      expect(answer).toContain('turn 2 of this chat');
      expect(answer).toContain(`I am conversation ${index}.`);
    });
    const chatIds = acceptedCompletions(stack.fake).map((request) => request.query['chat_id']);
    expect(chatIds).toHaveLength(40);
    expect(new Set(chatIds).size).toBe(20);
  });

  it('serializes the requests of one conversation', async () => {
    const base: Message[] = [{ role: 'user', content: 'Serial' }];
    base.push({ role: 'assistant', content: await ask(base) });
    stack.fake.script({ kind: 'slow-first-byte', delayMs: 150 }, { kind: 'answer' });
    const started = Date.now();
    await Promise.all([ask([...base, { role: 'user', content: 'one' }]), ask([...base, { role: 'user', content: 'two' }])]);
    const calls = acceptedCompletions(stack.fake).slice(-2);
    // The second was sent only after the first answered.
    expect(calls[1]!.time.getTime() - calls[0]!.time.getTime()).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });
});
