import { createHash, createHmac } from 'node:crypto';

/*
 * Aliyun OSS signature version 4 ("OSS4-HMAC-SHA256"), header flavour, as Aliyun documents it
 * ("Include a V4 signature in the Authorization header") and its SDKs implement it. Pure: the
 * clock is a parameter, so the specs replay the SDKs' published vectors.
 */

export const ossSignatureAlgorithm = 'OSS4-HMAC-SHA256';
/** The payload is not hashed: uploads stream, and OSS accepts this marker instead of a digest. */
export const unsignedPayload = 'UNSIGNED-PAYLOAD';

/** Temporary credentials, as Qwen's STS answer hands them out. */
export interface OssCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** The STS token; absent for long-term keys. */
  securityToken?: string;
}

export interface OssSigningInput {
  method: string;
  bucket: string;
  /** The object key, not URL-encoded (e.g. `user/4f…_cat.png`). */
  objectKey: string;
  /** Query parameters, not URL-encoded; an empty value is signed as a bare key. */
  query?: Readonly<Record<string, string>>;
  /** The headers the request will carry (any case); `content-type`, `content-md5` and every `x-oss-*` are signed. */
  headers?: Readonly<Record<string, string>>;
  /** Further headers to sign (e.g. `host`), by name; listed in `AdditionalHeaders`. */
  additionalHeaders?: readonly string[];
  credentials: OssCredentials;
  /** The signing region without the `oss-` prefix, e.g. `ap-southeast-1`. */
  region: string;
  now: Date;
}

/** What was signed, step by step: useful when a signature does not match. */
export interface OssSignature {
  /** Every header to send: the caller's, plus `x-oss-date`, `x-oss-content-sha256`, the token and `Authorization`. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

/** Signs one request. The returned headers are the ones to send, unchanged. */
export function signOssRequest(input: OssSigningInput): OssSignature {
  const timestamp = ossTimestamp(input.now);
  const date = timestamp.slice(0, 8);
  const headers: Record<string, string> = { ...input.headers };
  setHeader(headers, 'x-oss-date', timestamp);
  if (!hasHeader(headers, 'x-oss-content-sha256')) setHeader(headers, 'x-oss-content-sha256', unsignedPayload);
  if (input.credentials.securityToken) setHeader(headers, 'x-oss-security-token', input.credentials.securityToken);

  const additionalHeaders = additionalHeaderNames(headers, input.additionalHeaders ?? []);
  const scope = `${date}/${input.region}/oss/aliyun_v4_request`;
  const canonicalRequest = buildCanonicalRequest(input, headers, additionalHeaders);
  const stringToSign = [ossSignatureAlgorithm, timestamp, scope, sha256Hex(canonicalRequest)].join('\n');
  const signature = createHmac('sha256', ossSigningKey(input.credentials.accessKeySecret, date, input.region))
    .update(stringToSign, 'utf8')
    .digest('hex');

  const authorization = [
    `${ossSignatureAlgorithm} Credential=${input.credentials.accessKeyId}/${scope}`,
    ...(additionalHeaders.length ? [`AdditionalHeaders=${additionalHeaders.join(';')}`] : []),
    `Signature=${signature}`,
  ].join(',');
  setHeader(headers, 'Authorization', authorization);
  return { headers, canonicalRequest, stringToSign, signature };
}

/** `yyyymmddThhmmssZ`, in UTC. */
export function ossTimestamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** The key chain: HMAC("aliyun_v4" + secret, date) → region → "oss" → "aliyun_v4_request". */
export function ossSigningKey(accessKeySecret: string, date: string, region: string): Buffer {
  const dateKey = hmac(`aliyun_v4${accessKeySecret}`, date);
  const regionKey = hmac(dateKey, region);
  const serviceKey = hmac(regionKey, 'oss');
  return hmac(serviceKey, 'aliyun_v4_request');
}

/**
 * The region OSS signs with: Qwen's STS answer says `oss-ap-southeast-1`, the V4 scope wants
 * `ap-southeast-1`.
 */
export function signingRegionOf(region: string): string {
  return region.replace(/^oss-/, '');
}

/** RFC 3986 percent-encoding: everything but `A-Z a-z 0-9 - _ . ~` (and `/` when asked). */
export function encodeRfc3986(value: string, keepSlashes = false): string {
  const encoded = encodeURIComponent(value).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
  return keepSlashes ? encoded.replace(/%2F/g, '/') : encoded;
}

function buildCanonicalRequest(input: OssSigningInput, headers: Record<string, string>, additionalHeaders: readonly string[]): string {
  const canonicalUri = encodeRfc3986(`/${input.bucket ? `${input.bucket}/` : ''}${input.objectKey}`, true);
  const canonicalQuery = Object.entries(input.query ?? {})
    .map(([key, value]) => [encodeRfc3986(key), encodeRfc3986(value)] as const)
    .sort(([leftKey, leftValue], [rightKey, rightValue]) => compare(leftKey, rightKey) || compare(leftValue, rightValue))
    .map(([key, value]) => (value ? `${key}=${value}` : key))
    .join('&');
  const canonicalHeaders = Object.entries(headers)
    .map(([name, value]) => [name.toLowerCase(), value.trim()] as const)
    .filter(([name]) => isDefaultSignedHeader(name) || additionalHeaders.includes(name))
    .sort(([left], [right]) => compare(left, right))
    .map(([name, value]) => `${name}:${value}\n`)
    .join('');
  const payloadHash = headerValue(headers, 'x-oss-content-sha256') ?? unsignedPayload;
  return [input.method.toUpperCase(), canonicalUri, canonicalQuery, canonicalHeaders, additionalHeaders.join(';'), payloadHash].join('\n');
}

/** Additional headers: lower case, sorted, only those present, never one that is signed anyway. */
function additionalHeaderNames(headers: Record<string, string>, wanted: readonly string[]): string[] {
  const names = new Set(
    wanted
      .map((name) => name.toLowerCase())
      .filter((name) => !isDefaultSignedHeader(name) && (headerValue(headers, name) ?? '') !== ''),
  );
  return [...names].sort(compare);
}

function isDefaultSignedHeader(name: string): boolean {
  return name.startsWith('x-oss-') || name === 'content-type' || name === 'content-md5';
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Byte order, as the SDKs sort (not locale order). */
function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return headerValue(headers, name) !== undefined;
}

/** Sets a header, replacing one of the same name in any case. */
function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
  headers[name] = value;
}
