import OpenAI from 'openai';
import { acceptedCompletions, sentContent, sentParentId, startTestStack, type TestStack } from './support/test-stack';

type Message = OpenAI.Chat.Completions.ChatCompletionMessageParam;

/**
 * Session keys (`x-session-id`, `user`, coding agents' session headers) are hints: scoped to the
 * API key, and able to continue only a chat whose history matches (issues 14 and 15).
 */
describe('session keys name a conversation of one client and never override its history', () => {
  let stack: TestStack;
  let keyA: string;
  let keyB: string;

  beforeAll(async () => {
    stack = await startTestStack();
    const create = async (name: string) => (await stack.createApiKey({ name })).key;
    keyA = await create('alice');
    keyB = await create('bob');
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.fake.reset());

  async function ask(key: string, messages: Message[], options: { headers?: Record<string, string>; user?: string } = {}): Promise<string> {
    const client = new OpenAI({ baseURL: `${stack.app.proxyUrl}/v1`, apiKey: key, maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: 'qwen3-max', messages, ...(options.user ? { user: options.user } : {}) }, { headers: options.headers });
    return completion.choices[0]!.message.content ?? '';
  }

  it("keeps two keys' conversations apart under the same x-session-id or user value", async () => {
    await ask(keyA, [{ role: 'user', content: 'My secret is 4242.' }], { headers: { 'x-session-id': 'shared-42' } });
    const other = await ask(keyB, [{ role: 'user', content: 'What is the secret?' }], { headers: { 'x-session-id': 'shared-42' } });
    // Before: B's request continued A's chat, with A's secret in its history.
    expect(other).toContain('turn 1 of this chat');
    expect(other).not.toContain('4242');
    const [first, second] = acceptedCompletions(stack.fake);
    expect(second!.query['chat_id']).not.toBe(first!.query['chat_id']);
    expect(sentParentId(second!)).toBeNull();

    await ask(keyA, [{ role: 'user', content: 'My pin is 1234.' }], { user: 'user-7' });
    const byUser = await ask(keyB, [{ role: 'user', content: 'And my pin?' }], { user: 'user-7' });
    expect(byUser).toContain('turn 1 of this chat');
    expect(byUser).not.toContain('1234');

    // A itself still continues its own conversation by the key alone.
    const again = await ask(keyA, [{ role: 'user', content: 'Still there?' }], { headers: { 'x-session-id': 'shared-42' } });
    expect(again).toContain('turn 2 of this chat');
  });

  it("keeps another key from continuing a conversation by resending its history", async () => {
    const history: Message[] = [{ role: 'user', content: 'Remember the word tangerine.' }];
    history.push({ role: 'assistant', content: await ask(keyA, history) }, { role: 'user', content: 'Which word?' });
    await ask(keyB, history);
    const [first, second] = acceptedCompletions(stack.fake);
    expect(second!.query['chat_id']).not.toBe(first!.query['chat_id']);
    expect(sentParentId(second!)).toBeNull();
  });

  it("opens a second chat for one key's unrelated histories under one session key, each with its own system prompt first", async () => {
    const headers = { 'x-session-id': 'opencode-session-1' };
    // OpenCode's title generator and its agent send the same session header.
    await ask(keyA, [{ role: 'system', content: 'You are a title generator.' }, { role: 'user', content: 'Fix the failing test.' }], { headers });
    const agentTurn: Message[] = [{ role: 'system', content: 'You are OpenCode, a coding agent.' }, { role: 'user', content: 'Fix the failing test.' }];
    const agentAnswer = await ask(keyA, agentTurn, { headers });
    expect(agentAnswer).toContain('turn 1 of this chat');

    const [titleCall, agentCall] = acceptedCompletions(stack.fake);
    // Before: the agent's turn went out as turn 2 of the title chat, its system prompt demoted to a line.
    expect(agentCall!.query['chat_id']).not.toBe(titleCall!.query['chat_id']);
    expect(sentParentId(agentCall!)).toBeNull();
    expect(sentContent(titleCall!)).toMatch(/^\[Instructions\]\nYou are a title generator\./);
    expect(sentContent(agentCall!)).toMatch(/^\[Instructions\]\nYou are OpenCode, a coding agent\./);
    expect(sentContent(agentCall!)).not.toContain('title generator');

    // A history that does not extend any of this key's chats is a new branch too, folded.
    await ask(keyA, [
      { role: 'system', content: 'You are a reviewer.' },
      { role: 'user', content: 'Review this.' },
      { role: 'assistant', content: 'An answer this proxy never gave.' },
      { role: 'user', content: 'And now?' },
    ], { headers });
    const reviewCall = acceptedCompletions(stack.fake)[2]!;
    expect(new Set([titleCall, agentCall, reviewCall].map((call) => call!.query['chat_id'])).size).toBe(3);
    expect(sentParentId(reviewCall)).toBeNull();
    expect(sentContent(reviewCall)).toMatch(/^\[Instructions\]\nYou are a reviewer\./);

    // The agent's next turn extends its own chat: continued there, with parent_id, only the new turn sent.
    const next = await ask(keyA, [...agentTurn, { role: 'assistant', content: agentAnswer }, { role: 'user', content: 'Run it again.' }], { headers });
    expect(next).toContain('turn 2 of this chat');
    const continued = acceptedCompletions(stack.fake)[3]!;
    expect(continued.query['chat_id']).toBe(agentCall!.query['chat_id']);
    expect(sentContent(continued)).toBe('Run it again.');
    const agentChat = stack.fake.chats.get(agentCall!.query['chat_id']!)!;
    expect(sentParentId(continued)).toBe(agentChat.messages.find((node) => node.role === 'assistant')!.id);
  });

  it('opens a new chat when a client that resends its history starts over under the same session key', async () => {
    const headers = { 'x-claude-code-session-id': 'claude-session-restart' };
    const system: Message = { role: 'system', content: 'You are Claude Code.' };
    const first: Message[] = [system, { role: 'user', content: 'Refactor the parser.' }];
    first.push({ role: 'assistant', content: await ask(keyA, first, { headers }) }, { role: 'user', content: 'Now the tests.' });
    expect(await ask(keyA, first, { headers })).toContain('turn 2 of this chat');
    // /clear: same session header, same system prompt, a new conversation without answers.
    const restarted = await ask(keyA, [system, { role: 'user', content: 'Unrelated: write a poem.' }], { headers });
    expect(restarted).toContain('turn 1 of this chat');
    const calls = acceptedCompletions(stack.fake);
    expect(calls[2]!.query['chat_id']).not.toBe(calls[0]!.query['chat_id']);
    expect(sentParentId(calls[2]!)).toBeNull();
  });

  it("keeps a stored response (GET /v1/responses/{id}, previous_response_id) to the key that created it", async () => {
    const post = (key: string, body: Record<string, unknown>) =>
      fetch(`${stack.app.proxyUrl}/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ model: 'qwen3-max', ...body }) });
    const created = (await (await post(keyA, { input: 'My locker code is 9876.' })).json()) as { id: string };
    const fetchAs = (key: string) => fetch(`${stack.app.proxyUrl}/v1/responses/${created.id}`, { headers: { authorization: `Bearer ${key}` } });
    expect((await fetchAs(keyA)).status).toBe(200);
    // Before: any key could read A's response, and continue A's conversation from it.
    const read = await fetchAs(keyB);
    expect(read.status).toBe(404);
    expect(await read.text()).not.toContain('9876');
    const continued = await post(keyB, { input: 'What is the code?', previous_response_id: created.id });
    expect(continued.status).toBe(404);
    expect(((await continued.json()) as { error: { code: string } }).error.code).toBe('previous_response_not_found');
    expect((await post(keyA, { input: 'And again?', previous_response_id: created.id })).status).toBe(200);
  });

  it("takes a coding agent's own session header as the hint (Claude Code, Codex)", async () => {
    await ask(keyA, [{ role: 'user', content: 'First, from Claude Code.' }], { headers: { 'x-claude-code-session-id': '5f0c1e9a-claude' } });
    expect(await ask(keyA, [{ role: 'user', content: 'Second.' }], { headers: { 'x-claude-code-session-id': '5f0c1e9a-claude' } })).toContain('turn 2 of this chat');
    await ask(keyA, [{ role: 'user', content: 'First, from Codex.' }], { headers: { 'session-id': '0199-codex' } });
    expect(await ask(keyA, [{ role: 'user', content: 'Second.' }], { headers: { 'session-id': '0199-codex' } })).toContain('turn 2 of this chat');
  });
});
