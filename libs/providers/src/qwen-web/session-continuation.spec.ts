import { from, lastValueFrom, toArray } from 'rxjs';
import type { ChatEvent, ChatMessage, ChatRequest, TokenUsage } from '@qwen-proxy/contracts';
import type { CompletionParameters, QwenEvent } from '@qwen-proxy/qwen';
import type { QwenAccountSource } from './account-source';
import { QwenWebProvider } from './qwen-web.provider';
import type { QwenSession, SessionContinuation, SessionStore } from './session-store';

/** Sessions in memory, with the same matching rules as the database store. */
class MemorySessionStore implements SessionStore {
  readonly sessions = new Map<string, QwenSession & { resendsHistory: boolean; usedAt: number }>();
  private readonly turns: { sessionId: string; historyHash: string; responseId: string }[] = [];
  private clock = 0;

  async findByHistoryHash(historyHash: string, clientScope: string | null): Promise<SessionContinuation | undefined> {
    const turn = [...this.turns].reverse().find((candidate) => candidate.historyHash === historyHash && this.sessions.get(candidate.sessionId)!.clientScope === clientScope);
    return turn ? { session: this.sessions.get(turn.sessionId)!, parentResponseId: turn.responseId } : undefined;
  }

  async findByExplicitKey(explicitKey: string, match: { clientScope: string | null; openingHash: string }): Promise<QwenSession | undefined> {
    return [...this.sessions.values()]
      .filter((session) => session.explicitKey === explicitKey && session.clientScope === match.clientScope && session.openingHash === match.openingHash && !session.resendsHistory)
      .sort((left, right) => right.usedAt - left.usedAt)[0];
  }

  async open(session: Omit<QwenSession, 'lastResponseId'> & { title: string }): Promise<void> {
    this.sessions.set(session.id, { ...session, lastResponseId: null, resendsHistory: false, usedAt: ++this.clock });
  }

  async recordTurn(sessionId: string, turn: { historyHash: string; responseId: string; resentHistory?: boolean }): Promise<void> {
    this.turns.push({ sessionId, historyHash: turn.historyHash, responseId: turn.responseId });
    const session = this.sessions.get(sessionId)!;
    Object.assign(session, { lastResponseId: turn.responseId, usedAt: ++this.clock, resendsHistory: session.resendsHistory || Boolean(turn.resentHistory) });
  }

  async close(): Promise<void> {}
}

describe('which Qwen chat a request continues (session keys are scoped hints)', () => {
  let sent: CompletionParameters[];
  let provider: QwenWebProvider;
  let chats: number;

  beforeEach(() => {
    sent = [];
    chats = 0;
    const accounts: QwenAccountSource = {
      acquire: async () => ({ id: 'account-1', label: 'one', credentials: { token: 't', cookies: 'token=t' }, release: () => undefined }),
      reportFailure: () => undefined,
      reportSuccess: () => undefined,
    };
    provider = new QwenWebProvider({
      accounts,
      sessions: new MemorySessionStore(),
      client: {
        createChat: async () => ({ chatId: `chat-${++chats}` }),
        listModels: async () => [],
        streamCompletion: (_credentials, parameters) => {
          sent.push(parameters);
          const usage: TokenUsage = { inputTokens: 1, outputTokens: 1, totalTokens: 2 };
          const events: QwenEvent[] = [
            { type: 'response-created', responseId: `answer-${sent.length}` } as QwenEvent,
            { type: 'text-delta', text: `Answer ${sent.length}` },
            { type: 'usage', usage },
            { type: 'finish', reason: 'stop', truncated: false },
          ];
          return from(events);
        },
      },
    });
  });

  const ask = (messages: ChatMessage[], options: Partial<ChatRequest> = {}): Promise<ChatEvent[]> =>
    lastValueFrom(provider.chat({ model: 'qwen3-max', stream: true, messages, ...options }).pipe(toArray()));
  const user = (content: string): ChatMessage => ({ role: 'user', content });
  const system = (content: string): ChatMessage => ({ role: 'system', content });

  it("never continues another client's chat under the same session key", async () => {
    await ask([user('A secret')], { sessionKey: 'shared', clientScope: 'key-a' });
    await ask([user('Next')], { sessionKey: 'shared', clientScope: 'key-b' });
    expect(sent.map((parameters) => [parameters.chatId, parameters.parentId])).toEqual([
      ['chat-1', null],
      ['chat-2', null],
    ]);
  });

  it('opens a new chat for another system prompt under the same key, and continues the one whose history matches', async () => {
    await ask([system('You are a title generator.'), user('Fix it')], { sessionKey: 'k', clientScope: 'key-a' });
    await ask([system('You are an agent.'), user('Fix it')], { sessionKey: 'k', clientScope: 'key-a' });
    expect(sent[1]).toMatchObject({ chatId: 'chat-2', parentId: null });
    expect(sent[1]!.content).toMatch(/^\[Instructions\]\nYou are an agent\./);
    await ask([system('You are an agent.'), user('Fix it'), { role: 'assistant', content: 'Answer 2' }, user('Again')], { sessionKey: 'k', clientScope: 'key-a' });
    expect(sent[2]).toMatchObject({ chatId: 'chat-2', parentId: 'answer-2', content: 'Again' });
  });

  it('continues by the key alone for a client that resends only its new turn', async () => {
    await ask([user('First')], { sessionKey: 'k' });
    await ask([user('Second')], { sessionKey: 'k' });
    expect(sent[1]).toMatchObject({ chatId: 'chat-1', parentId: 'answer-1', content: 'Second' });
  });
});
