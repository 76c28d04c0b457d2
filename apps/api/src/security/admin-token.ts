import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDirectory, restrictFile } from '@qwen-proxy/persistence';

export const adminTokenFileName = 'admin-token';

/** The control plane's credential: configured, or generated once and kept in the data folder. */
export function loadOrCreateAdminToken(dataDirectory: string, configured?: string): string {
  if (configured) return configured;
  const path = join(dataDirectory, adminTokenFileName);
  if (existsSync(path)) {
    restrictFile(path);
    const stored = readFileSync(path, 'utf8').trim();
    if (stored.length >= 16) return stored;
  }
  ensurePrivateDirectory(dataDirectory);
  const token = randomBytes(24).toString('base64url');
  writeFileSync(path, token, { mode: 0o600 });
  chmodSync(path, 0o600);
  return token;
}

/** Constant-time comparison, so response timing does not reveal how much of a guess matched. */
export function tokensMatch(expected: string, presented: string): boolean {
  const expectedBytes = Buffer.from(expected);
  const presentedBytes = Buffer.from(presented);
  return expectedBytes.length === presentedBytes.length && timingSafeEqual(expectedBytes, presentedBytes);
}

/** The token of an `Authorization: Bearer …` header: the only place the admin token is accepted. */
export function bearerToken(headers: Record<string, string | string[] | undefined>): string | undefined {
  const authorization = headers['authorization'];
  const value = Array.isArray(authorization) ? authorization[0] : authorization;
  return value?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim() || undefined;
}

/** The token of an `Authorization: Bearer …` header, or of `x-api-key`. */
export function presentedToken(headers: Record<string, string | string[] | undefined>): string | undefined {
  const bearer = bearerToken(headers);
  if (bearer) return bearer;
  const apiKey = headers['x-api-key'];
  const key = (Array.isArray(apiKey) ? apiKey[0] : apiKey)?.trim();
  return key || undefined;
}
