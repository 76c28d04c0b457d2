import { ChatStore } from './chat.store';

describe(ChatStore.name, () => {
  const owner = 'account-1';
  const newChat = () =>
    sut.create({ title: 'New Chat', model: 'qwen3-max', chatType: 't2t', chatMode: 'normal', ownerAccountId: owner });
  let sut: ChatStore;

  beforeEach(() => {
    sut = new ChatStore();
  });

  it('walks the parent chain of one branch only', () => {
    const chat = newChat();
    const first = sut.addTurn(chat, { parentId: null, content: 'one' });
    const second = sut.addTurn(chat, { parentId: first.answer.id, content: 'two' });
    sut.addTurn(chat, { parentId: first.answer.id, content: 'sibling of two' });
    expect(sut.userMessagesOfBranch(chat, second.answer.id)).toEqual(['one', 'two']);
    expect(sut.userMessagesOfBranch(chat, null)).toEqual([]);
  });

  it('accepts only answers of the same chat as parents', () => {
    const chat = newChat();
    const turn = sut.addTurn(chat, { parentId: null, content: 'one' });
    expect(sut.isResponseOf(chat, turn.answer.id)).toBe(true);
    expect(sut.isResponseOf(chat, turn.question.id)).toBe(false);
    expect(sut.isResponseOf(newChat(), turn.answer.id)).toBe(false);
  });

  it('hides deleted chats and chats of other accounts', () => {
    const chat = newChat();
    expect(sut.findUsable(chat.id, owner)).toBe(chat);
    expect(sut.findUsable(chat.id, 'someone-else')).toBeUndefined();
    chat.deleted = true;
    expect(sut.findUsable(chat.id, owner)).toBeUndefined();
  });
});
