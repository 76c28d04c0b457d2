import { createHmac, timingSafeEqual } from 'node:crypto';

/** The claims chat.qwen.ai puts in its `token` cookie (protocol §2). */
export interface QwenTokenClaims {
  /** The account id. */
  id: string;
  /** Seconds since the epoch. */
  last_password_change: number;
  /** Expiry, in seconds since the epoch. */
  exp: number;
}

const HEADER = { alg: 'HS256', typ: 'JWT' };

/** Signs claims into a `header.payload.signature` token, base64url throughout, as the real one. */
export function signToken(claims: QwenTokenClaims, secret: string): string {
  const unsigned = `${encodeSegment(HEADER)}.${encodeSegment(claims)}`;
  return `${unsigned}.${signature(unsigned, secret)}`;
}

/**
 * Returns the claims of a token this fake signed, or undefined for anything malformed or signed
 * elsewhere. Expiry is not checked here: an expired token gets its own answer from the service.
 */
export function verifyToken(token: string, secret: string): QwenTokenClaims | undefined {
  const segments = token.split('.');
  if (segments.length !== 3) {
    return undefined;
  }
  const [header, payload, givenSignature] = segments as [string, string, string];
  const expected = Buffer.from(signature(`${header}.${payload}`, secret));
  const given = Buffer.from(givenSignature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return undefined;
  }
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return isClaims(claims) ? claims : undefined;
  } catch {
    return undefined;
  }
}

function encodeSegment(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function signature(unsigned: string, secret: string): string {
  return createHmac('sha256', secret).update(unsigned).digest('base64url');
}

function isClaims(value: unknown): value is QwenTokenClaims {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const claims = value as Record<string, unknown>;
  return (
    typeof claims['id'] === 'string' &&
    typeof claims['last_password_change'] === 'number' &&
    typeof claims['exp'] === 'number'
  );
}
