import type { FakeQwenState } from '../fake-qwen.state';
import type { HttpExchange } from '../http/http-exchange';
import { jsonReply } from '../http/http-reply';
import { guardBrowserCall } from './browser-call.guard';

/** `GET /api/v1/auths/`: the profile of the token's account, the cheap way to check a token. */
export function showProfile(exchange: HttpExchange, state: FakeQwenState): void {
  const account = guardBrowserCall(exchange, state, { api: 'version-1' });
  if (!account) {
    return;
  }
  exchange.answer(
    jsonReply(200, {
      id: account.id,
      email: account.email,
      name: account.label,
      role: 'user',
      profile_image_url: '',
      token: account.token,
      token_type: 'Bearer',
      expires_at: Math.floor(account.expiresAt.getTime() / 1000),
    }),
  );
}
