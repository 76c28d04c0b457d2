import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/*
 * The fake OSS's own reading of Aliyun's V4 header signature, written from Aliyun's documentation
 * and independent of the proxy's signer: a test passes only if both agree with the scheme.
 */

/** What the fake knows about the request and the credentials it issued. */
export interface SignedRequestFacts {
  method: string;
  bucket: string;
  /** Unencoded object key. */
  objectKey: string;
  /** The raw query string (after `?`), possibly empty. */
  rawQuery: string;
  /** Request headers as Node hands them over (lower-case names). */
  headers: Record<string, string | string[] | undefined>;
  expected: { accessKeyId: string; accessKeySecret: string; securityToken: string; region: string };
  now: Date;
  /** The largest clock difference OSS tolerates. */
  maxSkewMs: number;
}

/** `ok`, or the OSS error code and message a real bucket would answer with. */
export type SignatureVerdict =
  | { ok: true }
  | { ok: false; status: number; code: string; message: string; canonicalRequest?: string; stringToSign?: string };

const ALGORITHM = 'OSS4-HMAC-SHA256';

export function verifyOssSignature(facts: SignedRequestFacts): SignatureVerdict {
  const header = single(facts.headers['authorization']);
  if (!header) return refusal(403, 'AccessDenied', 'Authorization header is missing.');
  const fields = parseAuthorization(header);
  if (!fields) return refusal(400, 'InvalidArgument', `Authorization header is not ${ALGORITHM}: ${header.slice(0, 60)}`);

  const scope = fields.credential.split('/');
  if (scope.length !== 5 || scope[3] !== 'oss' || scope[4] !== 'aliyun_v4_request') {
    return refusal(400, 'InvalidArgument', `Invalid credential scope: ${fields.credential}`);
  }
  const [accessKeyId, scopeDate, scopeRegion] = scope as [string, string, string];
  if (accessKeyId !== facts.expected.accessKeyId) return refusal(403, 'InvalidAccessKeyId', 'The OSS Access Key Id you provided does not exist in our records.');
  if (single(facts.headers['x-oss-security-token']) !== facts.expected.securityToken) {
    return refusal(403, 'InvalidSecurityToken', 'The security token you provided is invalid.');
  }
  const contentHash = single(facts.headers['x-oss-content-sha256']);
  if (!contentHash) return refusal(400, 'InvalidArgument', 'x-oss-content-sha256 is required for V4 signatures.');

  const timestamp = single(facts.headers['x-oss-date']) ?? '';
  const signedAt = parseTimestamp(timestamp);
  if (!signedAt) return refusal(400, 'InvalidArgument', `x-oss-date is not yyyymmddThhmmssZ: "${timestamp}"`);
  if (Math.abs(facts.now.getTime() - signedAt.getTime()) > facts.maxSkewMs) {
    return refusal(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
  }
  if (scopeDate !== timestamp.slice(0, 8)) return refusal(403, 'SignatureDoesNotMatch', 'The credential date differs from x-oss-date.');
  if (scopeRegion !== facts.expected.region) return refusal(400, 'InvalidArgument', `Invalid signing region in Authorization header: ${scopeRegion}`);

  const canonicalRequest = canonicalRequestOf(facts, fields.additionalHeaders, contentHash);
  const stringToSign = `${ALGORITHM}\n${timestamp}\n${fields.credential.slice(accessKeyId.length + 1)}\n${hexSha256(canonicalRequest)}`;
  let key: Buffer = Buffer.from(`aliyun_v4${facts.expected.accessKeySecret}`, 'utf8');
  for (const part of [scopeDate, scopeRegion, 'oss', 'aliyun_v4_request']) key = createHmac('sha256', key).update(part).digest();
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(fields.signature) ? fields.signature : '', 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    const message = 'The request signature we calculated does not match the signature you provided.';
    return { ok: false, status: 403, code: 'SignatureDoesNotMatch', message, canonicalRequest, stringToSign };
  }
  return { ok: true };
}

/** `OSS4-HMAC-SHA256 Credential=…, AdditionalHeaders=…, Signature=…` (commas with or without spaces). */
function parseAuthorization(header: string): { credential: string; additionalHeaders: string[]; signature: string } | undefined {
  if (!header.startsWith(`${ALGORITHM} `)) return undefined;
  const pairs = new Map<string, string>();
  for (const piece of header.slice(ALGORITHM.length + 1).split(',')) {
    const separator = piece.indexOf('=');
    if (separator > 0) pairs.set(piece.slice(0, separator).trim(), piece.slice(separator + 1).trim());
  }
  const credential = pairs.get('Credential');
  const signature = pairs.get('Signature');
  if (!credential || !signature) return undefined;
  const additional = pairs.get('AdditionalHeaders');
  return { credential, signature, additionalHeaders: additional ? additional.split(';').map((name) => name.trim().toLowerCase()) : [] };
}

function canonicalRequestOf(facts: SignedRequestFacts, additionalHeaders: string[], contentHash: string): string {
  const uri = percentEncode(`/${facts.bucket}/${facts.objectKey}`, '/');
  const query = facts.rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const [name = '', value = ''] = pair.split(/=(.*)/s);
      return [percentEncode(decodeURIComponent(name)), percentEncode(decodeURIComponent(value))];
    })
    .sort((left, right) => byteOrder(left[0]!, right[0]!) || byteOrder(left[1]!, right[1]!))
    .map(([name, value]) => (value ? `${name}=${value}` : name))
    .join('&');
  const signedNames = Object.keys(facts.headers)
    .map((name) => name.toLowerCase())
    .filter((name) => name.startsWith('x-oss-') || name === 'content-type' || name === 'content-md5' || additionalHeaders.includes(name))
    .sort(byteOrder);
  const headerBlock = signedNames.map((name) => `${name}:${(single(facts.headers[name]) ?? '').trim()}\n`).join('');
  return [facts.method, uri, query, headerBlock, additionalHeaders.join(';'), contentHash].join('\n');
}

/** Byte-wise percent-encoding of everything outside RFC 3986's unreserved set (and `keep`). */
function percentEncode(text: string, keep = ''): string {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const character = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9\-_.~]/.test(character) || keep.includes(character) ? character : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

function parseTimestamp(text: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
}

function hexSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function byteOrder(left: string, right: string): number {
  return Buffer.compare(Buffer.from(left), Buffer.from(right));
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function refusal(status: number, code: string, message: string): Extract<SignatureVerdict, { ok: false }> {
  return { ok: false, status, code, message };
}
