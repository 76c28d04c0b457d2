import type { FakeQwenState } from '../fake-qwen.state';
import { successEnvelope } from '../failures/qwen-error.replies';
import type { HttpExchange } from '../http/http-exchange';
import { FAKE_ENDPOINT, FAKE_REGION } from '../uploads/upload.store';
import { checkUploadTicketRequest } from '../validation/upload-ticket-request.validation';
import { guardBrowserCall } from './browser-call.guard';

/**
 * `POST /api/v2/files/getstsToken`: temporary OSS credentials for one file and where to put it.
 * The `file_url` points at the fake's own OSS, so a proxy under test uploads back to the fake.
 */
export function requestUploadTicket(exchange: HttpExchange, state: FakeQwenState): void {
  const account = guardBrowserCall(exchange, state);
  if (!account) {
    return;
  }
  const request = checkUploadTicketRequest(exchange.body);
  if (!request.ok) {
    exchange.reject(request.rejection);
    return;
  }
  const upload = state.uploads.issue({ ...request.value, accountId: account.id, baseUrl: state.baseUrl });
  exchange.answer(
    successEnvelope({
      access_key_id: upload.accessKeyId,
      access_key_secret: upload.accessKeySecret,
      security_token: upload.securityToken,
      file_url: upload.fileUrl,
      file_path: upload.objectKey,
      file_id: upload.fileId,
      bucketname: upload.bucket,
      region: FAKE_REGION,
      endpoint: FAKE_ENDPOINT,
    }),
  );
}
