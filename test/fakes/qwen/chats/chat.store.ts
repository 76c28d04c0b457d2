import { randomUUID } from 'node:crypto';

/** One message of a chat's tree, as the server keeps it. */
export interface ChatMessageNode {
  /** The server's id. For an assistant message this is the `response_id` sent in `response.created`. */
  id: string;
  /** The node this one answers or follows; null for the first user message of a branch. */
  parentId: string | null;
  role: 'user' | 'assistant';
  content: string;
  /**
   * User messages: the `response_id` of the answer given to them, i.e. what the client must send
   * as `parent_id` to continue after this turn. Assistant messages: null.
   */
  responseId: string | null;
  /** User messages: the `fid` the client proposed. */
  clientMessageId?: string;
}

/** A chat created by `POST /api/v2/chats/new`. */
export interface FakeChat {
  id: string;
  title: string;
  model: string;
  chatType: string;
  chatMode: string;
  ownerAccountId: string;
  createdAt: Date;
  /** Every message of every branch, in the order they were created. */
  messages: ChatMessageNode[];
  deleted: boolean;
}

/** What is needed to create a chat. */
export type NewChat = Pick<FakeChat, 'title' | 'model' | 'chatType' | 'chatMode' | 'ownerAccountId'>;

/** A user message to add; `answerId` lets the caller know the answer's id before the turn is stored. */
export interface NewTurn {
  parentId: string | null;
  content: string;
  clientMessageId?: string;
  answerId?: string;
}

/** The user message and the answer placeholder one completion adds to a chat. */
export interface ChatTurn {
  question: ChatMessageNode;
  answer: ChatMessageNode;
}

/** The chats of all accounts, with their message trees: the history the real service keeps server-side. */
export class ChatStore {
  readonly chats = new Map<string, FakeChat>();

  create(chat: NewChat): FakeChat {
    const created: FakeChat = { ...chat, id: randomUUID(), createdAt: new Date(), messages: [], deleted: false };
    this.chats.set(created.id, created);
    return created;
  }

  /** The chat, if it exists, is not deleted and belongs to the account. */
  findUsable(chatId: string, accountId: string): FakeChat | undefined {
    const chat = this.chats.get(chatId);
    return chat && !chat.deleted && chat.ownerAccountId === accountId ? chat : undefined;
  }

  /** True when `messageId` is the `response_id` of an answer of this chat. */
  isResponseOf(chat: FakeChat, messageId: string): boolean {
    return chat.messages.some((message) => message.role === 'assistant' && message.id === messageId);
  }

  /** The user messages of the branch that ends at `lastMessageId`, oldest first. */
  userMessagesOfBranch(chat: FakeChat, lastMessageId: string | null): string[] {
    const byId = new Map(chat.messages.map((message) => [message.id, message]));
    const contents: string[] = [];
    for (let node = lastMessageId ? byId.get(lastMessageId) : undefined; node; ) {
      if (node.role === 'user') {
        contents.unshift(node.content);
      }
      node = node.parentId ? byId.get(node.parentId) : undefined;
    }
    return contents;
  }

  /** Adds a user message under `parentId` and the (still empty) answer to it. */
  addTurn(chat: FakeChat, turn: NewTurn): ChatTurn {
    const { parentId, content, clientMessageId, answerId = randomUUID() } = turn;
    const question: ChatMessageNode = {
      id: randomUUID(),
      parentId,
      role: 'user',
      content,
      responseId: answerId,
      clientMessageId,
    };
    const answer: ChatMessageNode = { id: answerId, parentId: question.id, role: 'assistant', content: '', responseId: null };
    chat.messages.push(question, answer);
    return { question, answer };
  }
}
