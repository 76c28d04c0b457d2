import type { FakeQwenState } from '../fake-qwen.state';
import { successEnvelope } from '../failures/qwen-error.replies';
import type { HttpExchange } from '../http/http-exchange';
import { checkChatCreation } from '../validation/chat-creation.validation';
import { checkChatCreationVersion } from '../web-build/web-version.validation';
import { guardBrowserCall } from './browser-call.guard';

/** `POST /api/v2/chats/new`. Needs the token but not the WAF cookies, as the real one. */
export function createChat(exchange: HttpExchange, state: FakeQwenState): void {
  const account = guardBrowserCall(exchange, state);
  if (!account) {
    return;
  }
  const version = checkChatCreationVersion(exchange.header('version'), state.webBuild);
  if (!version.ok) {
    exchange.reject(version.rejection);
    return;
  }
  const request = checkChatCreation(exchange.body, state.catalogue);
  if (!request.ok) {
    exchange.reject(request.rejection);
    return;
  }
  const chat = state.chats.create({ ...request.value, ownerAccountId: account.id });
  exchange.answer(successEnvelope({ id: chat.id }));
}
