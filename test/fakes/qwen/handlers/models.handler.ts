import type { FakeQwenState } from '../fake-qwen.state';
import type { HttpExchange } from '../http/http-exchange';
import { jsonReply } from '../http/http-reply';

/** `GET /api/models`: the catalogue, no login needed. */
export function listModels(exchange: HttpExchange, state: FakeQwenState): void {
  exchange.answer(jsonReply(200, { data: state.catalogue }));
}

/** `GET /api/v2/models/`: the same catalogue in the v2 envelope. */
export function listModelsVersion2(exchange: HttpExchange, state: FakeQwenState): void {
  exchange.answer(jsonReply(200, { success: true, data: { data: state.catalogue } }));
}
