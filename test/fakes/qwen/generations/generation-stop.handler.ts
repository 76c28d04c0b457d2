import type { FakeQwenState } from '../fake-qwen.state';
import { chatNotFound, badRequest, successEnvelope } from '../failures/qwen-error.replies';
import { guardBrowserCall } from '../handlers/browser-call.guard';
import type { HttpExchange } from '../http/http-exchange';

/**
 * `POST /api/v2/chat/completions/stop?chat_id=<id>` with `{"chat_id","response_id"}` (the
 * qwenproxy variant the audit lists under B5): ends the chat's running generation.
 */
export function stopGeneration(exchange: HttpExchange, state: FakeQwenState): void {
  const account = guardBrowserCall(exchange, state);
  if (!account) return;
  const body = (typeof exchange.body === 'object' && exchange.body !== null ? exchange.body : {}) as { chat_id?: unknown; response_id?: unknown };
  const chatId = exchange.query['chat_id'] ?? (typeof body.chat_id === 'string' ? body.chat_id : undefined);
  if (!chatId) {
    exchange.reject({ error: badRequest(), reason: 'stop without chat_id' });
    return;
  }
  if (typeof body.chat_id === 'string' && body.chat_id !== chatId) {
    exchange.reject({ error: badRequest(), reason: `stop body chat_id ${body.chat_id} differs from the query's ${chatId}` });
    return;
  }
  if (!state.chats.findUsable(chatId, account.id)) {
    exchange.reject({ error: chatNotFound(), reason: `stop for chat ${chatId}, which this account does not have` });
    return;
  }
  const stopped = state.generations.stop(chatId, typeof body.response_id === 'string' ? body.response_id : undefined);
  if (!stopped) exchange.note('stop for a chat with no running generation');
  exchange.answer(successEnvelope({ status: true }));
}
