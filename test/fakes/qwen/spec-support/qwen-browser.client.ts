import { randomUUID } from 'node:crypto';
import type { IssuedAccount } from '../accounts/account.registry';
import { FAKE_WEB_VERSION } from '../fake-qwen.server';
import { parseSseFrames, receiveStream, type ReceivedStream } from './sse-stream.reader';

export const CHROME_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Safari/537.36';

/** Header overrides; `undefined` removes a header. */
export type HeaderOverrides = Record<string, string | undefined>;

/** The headers the web UI sends, for the given account. */
export function browserHeaders(account: Pick<IssuedAccount, 'token' | 'cookies'>, overrides: HeaderOverrides = {}): Record<string, string> {
  const headers: HeaderOverrides = {
    authorization: `Bearer ${account.token}`,
    cookie: account.cookies,
    'content-type': 'application/json',
    'user-agent': CHROME_USER_AGENT,
    source: 'web',
    'x-request-id': randomUUID(),
    timezone: 'Thu Mar 05 2026 16:34:20 GMT+0100',
    origin: 'https://chat.qwen.ai',
    'bx-v': '2.5.36',
    version: FAKE_WEB_VERSION,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** A valid `chats/new` body. */
export function chatCreationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: 'New Chat', models: ['qwen3-max'], chat_mode: 'normal', chat_type: 't2t', timestamp: Date.now(), project_id: '', ...overrides };
}

/** What a completion body is built from. */
export interface CompletionInput {
  chatId: string;
  parentId: string | null;
  content: string;
  model?: string;
  chatType?: string;
  featureConfig?: Record<string, unknown>;
}

/** A valid completion body, exactly as protocol §3 shows it. */
export function completionBody(input: CompletionInput): Record<string, unknown> & { messages: Array<Record<string, unknown>> } {
  const model = input.model ?? 'qwen3-max';
  const chatType = input.chatType ?? 't2t';
  const seconds = Math.floor(Date.now() / 1000);
  return {
    stream: true,
    version: '2.1',
    incremental_output: true,
    chat_id: input.chatId,
    chat_mode: 'normal',
    model,
    parent_id: input.parentId,
    messages: [
      {
        fid: randomUUID(),
        parentId: input.parentId,
        parent_id: input.parentId,
        childrenIds: [randomUUID()],
        role: 'user',
        content: input.content,
        user_action: 'chat',
        files: [],
        timestamp: seconds,
        models: [model],
        chat_type: chatType,
        sub_chat_type: chatType,
        extra: { meta: { subChatType: chatType } },
        feature_config: { thinking_enabled: false, output_schema: 'phase', thinking_format: 'summary', auto_search: false, ...input.featureConfig },
      },
    ],
    timestamp: seconds,
  };
}

/** One streamed answer, decoded. */
export interface StreamedReply {
  response: Response;
  received: ReceivedStream;
  raw: string;
  frames: unknown[];
}

/** Talks to the fake the way the web UI does, for one account. */
export class QwenBrowserClient {
  constructor(
    private readonly baseUrl: string,
    private readonly account: Pick<IssuedAccount, 'token' | 'cookies'>,
  ) {}

  post(path: string, body: unknown, headerOverrides: HeaderOverrides = {}): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: browserHeaders(this.account, headerOverrides),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  request(method: string, path: string, headerOverrides: HeaderOverrides = {}): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, { method, headers: browserHeaders(this.account, headerOverrides) });
  }

  /** Creates a chat and returns its id. */
  async createChat(overrides: Record<string, unknown> = {}): Promise<string> {
    const response = await this.post('/api/v2/chats/new', chatCreationBody(overrides));
    const answer = (await response.json()) as { data: { id: string } };
    return answer.data.id;
  }

  postCompletion(chatId: string, body: unknown, headerOverrides: HeaderOverrides = {}): Promise<Response> {
    return this.post(`/api/v2/chat/completions?chat_id=${chatId}`, body, headerOverrides);
  }

  /** Sends one turn and reads the whole stream. */
  async ask(input: CompletionInput): Promise<StreamedReply> {
    const response = await this.postCompletion(input.chatId, completionBody(input));
    const received = await receiveStream(response);
    const raw = Buffer.concat(received.chunks).toString('utf8');
    return { response, received, raw, frames: parseSseFrames(raw) };
  }
}
