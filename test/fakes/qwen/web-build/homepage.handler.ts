import type { FakeQwenState } from '../fake-qwen.state';
import type { HttpExchange } from '../http/http-exchange';
import { htmlReply } from '../http/http-reply';

/** `GET /`: the web app's HTML, whose asset paths name the current front-end version. */
export function serveHomepage(exchange: HttpExchange, state: FakeQwenState): void {
  state.homepageVisits += 1;
  exchange.answer(htmlReply(200, state.webBuild.homepageHtml()));
}
