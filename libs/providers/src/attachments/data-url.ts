import { FetchRefusedError, formatMegabytes } from './fetch-refusal';

export interface DecodedData {
  bytes: Buffer;
  /** Lower case, without parameters; undefined when the URI names none. */
  mediaType?: string;
}

const base64Pattern = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Whether a string is a `data:` URI rather than a URL to fetch. */
export function isDataUrl(text: string): boolean {
  return /^data:/i.test(text.trimStart());
}

/**
 * The bytes of a `data:[<media type>][;base64],<data>` URI, refused when over `maxBytes`
 * (checked on the encoded length first, before decoding anything) or malformed.
 */
export function decodeDataUrl(text: string, maxBytes: number): DecodedData {
  const match = /^data:([^,]*?),(.*)$/is.exec(text.trim());
  if (!match) throw new FetchRefusedError('invalid-data', 'the data: URI has no comma before its data');
  const [, header = '', payload = ''] = match;
  const parameters = header.split(';').map((piece) => piece.trim());
  const isBase64 = parameters.slice(1).some((piece) => piece.toLowerCase() === 'base64');
  const mediaType = parameters[0]?.toLowerCase() || undefined;
  const bytes = isBase64 ? decodeBase64(payload, maxBytes) : decodePercentEncoded(payload);
  if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
  return { bytes, ...(mediaType ? { mediaType } : {}) };
}

/** Base64 (standard or URL-safe, whitespace tolerated), refused when malformed or too long. */
export function decodeBase64(payload: string, maxBytes: number): Buffer {
  const compact = payload.replace(/\s+/g, '');
  if (Math.floor((compact.length * 3) / 4) > maxBytes + 2) throw tooLarge(maxBytes);
  if (!base64Pattern.test(compact) || compact.length === 0) throw new FetchRefusedError('invalid-data', 'the data is not valid base64');
  return Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64');
}

function decodePercentEncoded(payload: string): Buffer {
  try {
    return Buffer.from(decodeURIComponent(payload), 'utf8');
  } catch {
    throw new FetchRefusedError('invalid-data', 'the data: URI is not correctly percent-encoded');
  }
}

function tooLarge(maxBytes: number): FetchRefusedError {
  return new FetchRefusedError('too-large', `it is larger than the ${formatMegabytes(maxBytes)} allowed`);
}
