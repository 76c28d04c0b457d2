import type { FakeQwenState } from '../fake-qwen.state';
import { chatNotFound, successEnvelope } from '../failures/qwen-error.replies';
import type { HttpExchange } from '../http/http-exchange';
import { guardBrowserCall } from './browser-call.guard';

/** `DELETE /api/v2/chats/<id>`: marks the chat deleted; later completions on it fail. */
export function deleteChat(exchange: HttpExchange, state: FakeQwenState, chatId: string): void {
  const account = guardBrowserCall(exchange, state);
  if (!account) {
    return;
  }
  const chat = state.chats.findUsable(chatId, account.id);
  if (!chat) {
    exchange.reject({ error: chatNotFound(), reason: `chat ${chatId} does not exist, is deleted, or belongs to another account` });
    return;
  }
  chat.deleted = true;
  exchange.answer(successEnvelope({ status: true }));
}
