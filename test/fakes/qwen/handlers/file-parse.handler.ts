import { z } from 'zod';
import type { FakeQwenState } from '../fake-qwen.state';
import { badRequest, successEnvelope } from '../failures/qwen-error.replies';
import type { HttpExchange } from '../http/http-exchange';
import { guardBrowserCall } from './browser-call.guard';

const parseRequestSchema = z.looseObject({ file_id: z.string().min(1) });
const statusRequestSchema = z.looseObject({ file_id_list: z.array(z.string()).min(1) });

/** `POST /api/v2/files/parse {"file_id"}`: Qwen reads an uploaded document (the fake at once). */
export function parseFile(exchange: HttpExchange, state: FakeQwenState): void {
  const account = guardBrowserCall(exchange, state);
  if (!account) {
    return;
  }
  const parsed = parseRequestSchema.safeParse(exchange.body);
  if (!parsed.success) {
    exchange.reject({ error: badRequest(), reason: `files/parse body: ${z.prettifyError(parsed.error)}` });
    return;
  }
  const upload = state.uploads.byFileId.get(parsed.data.file_id);
  if (!upload || upload.accountId !== account.id || !upload.bytes) {
    exchange.reject({ error: badRequest(), reason: `file ${parsed.data.file_id} is not an uploaded file of this account` });
    return;
  }
  upload.parsed = true;
  exchange.answer(successEnvelope({ file_id: upload.fileId, status: 'success' }));
}

/** `POST /api/v2/files/parse/status {"file_id_list"}`: one `{file_id, status}` per file. */
export function parseStatus(exchange: HttpExchange, state: FakeQwenState): void {
  const account = guardBrowserCall(exchange, state);
  if (!account) {
    return;
  }
  const parsed = statusRequestSchema.safeParse(exchange.body);
  if (!parsed.success) {
    exchange.reject({ error: badRequest(), reason: `files/parse/status body: ${z.prettifyError(parsed.error)}` });
    return;
  }
  const statuses = parsed.data.file_id_list.map((fileId) => {
    const upload = state.uploads.byFileId.get(fileId);
    const status = !upload || upload.accountId !== account.id ? 'not_found' : upload.parsed ? 'success' : 'pending';
    return { file_id: fileId, status };
  });
  exchange.answer(successEnvelope(statuses));
}
