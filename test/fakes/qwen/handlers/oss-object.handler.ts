import { createHash } from 'node:crypto';
import type { FakeQwenState } from '../fake-qwen.state';
import type { HttpExchange } from '../http/http-exchange';
import { ossError } from '../uploads/oss-error.replies';
import { verifyOssSignature } from '../uploads/oss-signature.verifier';
import { FAKE_REGION, STS_LIFETIME_MS } from '../uploads/upload.store';

/** OSS refuses requests signed more than 15 minutes away from its clock. */
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/**
 * `PUT /oss/<bucket>/<key>`: the fake's OSS bucket. Accepts the bytes only with a valid V4
 * signature made with the ticket's temporary keys (checked by the fake's own verifier), as a real
 * bucket would; answers OSS's XML errors otherwise.
 */
export function putObject(exchange: HttpExchange, state: FakeQwenState, objectPath: string): void {
  const [bucket = '', ...keyParts] = objectPath.split('/');
  const objectKey = keyParts.join('/');
  // The body is binary: keep its size and digest in the record, not a text reading of it.
  exchange.record.body = { bytes: exchange.rawBody.length, sha256: createHash('sha256').update(exchange.rawBody).digest('hex') };
  const upload = state.uploads.findByObject(bucket, objectKey);
  if (!upload) {
    exchange.reject({ error: ossError(403, 'AccessDenied', 'You have no right to access this object.'), reason: `no upload ticket for ${bucket}/${objectKey}` });
    return;
  }
  exchange.record.accountId = upload.accountId;
  if (Date.now() - upload.issuedAt.getTime() > STS_LIFETIME_MS) {
    exchange.reject({ error: ossError(403, 'SecurityTokenExpired', 'The security token you provided has expired.'), reason: `ticket of ${upload.fileId} expired` });
    return;
  }
  const verdict = verifyOssSignature({
    method: exchange.method,
    bucket,
    objectKey,
    rawQuery: new URL(exchange.request.url ?? '/', 'http://fake.invalid').search.slice(1),
    headers: exchange.request.headers,
    expected: {
      accessKeyId: upload.accessKeyId,
      accessKeySecret: upload.accessKeySecret,
      securityToken: upload.securityToken,
      region: FAKE_REGION.replace(/^oss-/, ''),
    },
    now: new Date(),
    maxSkewMs: MAX_CLOCK_SKEW_MS,
  });
  if (!verdict.ok) {
    const computed = verdict.stringToSign ? { StringToSign: verdict.stringToSign, CanonicalRequest: verdict.canonicalRequest ?? '' } : undefined;
    exchange.reject({ error: ossError(verdict.status, verdict.code, verdict.message, computed), reason: `OSS ${verdict.code}: ${verdict.message}` });
    return;
  }
  const contentHash = exchange.header('x-oss-content-sha256');
  const digest = createHash('sha256').update(exchange.rawBody).digest('hex');
  if (contentHash !== 'UNSIGNED-PAYLOAD' && contentHash !== digest) {
    exchange.reject({ error: ossError(400, 'InvalidArgument', 'x-oss-content-sha256 does not match the body.'), reason: 'payload hash mismatch' });
    return;
  }
  if (exchange.rawBody.length !== upload.filesize) {
    exchange.note(`uploaded ${exchange.rawBody.length} bytes, getstsToken announced ${upload.filesize}`);
  }
  upload.bytes = exchange.rawBody;
  upload.contentType = exchange.header('content-type');
  upload.putCount += 1;
  exchange.record.outcome = { status: 'answered', httpStatus: 200 };
  exchange.response.writeHead(200, { etag: `"${digest.slice(0, 32).toUpperCase()}"`, 'x-oss-hash-crc64ecma': '0', 'content-length': 0 });
  exchange.response.end();
}

/** `GET /oss/<bucket>/<key>?…`: the uploaded bytes, behind the `file_url` the completion attaches. */
export function getObject(exchange: HttpExchange, state: FakeQwenState, objectPath: string): void {
  const [bucket = '', ...keyParts] = objectPath.split('/');
  const upload = state.uploads.findByObject(bucket, keyParts.join('/'));
  if (!upload?.bytes) {
    exchange.reject({ error: ossError(404, 'NoSuchKey', 'The specified key does not exist.'), reason: `no object ${objectPath}` });
    return;
  }
  exchange.record.outcome = { status: 'answered', httpStatus: 200 };
  exchange.response.writeHead(200, { 'content-type': upload.contentType ?? 'application/octet-stream', 'content-length': upload.bytes.length });
  exchange.response.end(upload.bytes);
}
