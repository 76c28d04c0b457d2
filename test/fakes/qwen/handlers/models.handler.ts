import type { HttpExchange } from '../http/http-exchange';
import { jsonReply } from '../http/http-reply';
import { MODEL_CATALOGUE } from '../models/model.catalogue';

/** `GET /api/models`: the catalogue, no login needed. */
export function listModels(exchange: HttpExchange): void {
  exchange.answer(jsonReply(200, { data: MODEL_CATALOGUE }));
}

/** `GET /api/v2/models/`: the same catalogue in the v2 envelope. */
export function listModelsVersion2(exchange: HttpExchange): void {
  exchange.answer(jsonReply(200, { success: true, data: { data: MODEL_CATALOGUE } }));
}
