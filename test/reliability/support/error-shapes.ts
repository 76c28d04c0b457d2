/** Which wire surface answers a path: Anthropic's `/v1/messages`, else OpenAI's shape (also `/api/*`). */
export function surfaceOf(path: string): 'anthropic' | 'openai' {
  return /^\/v1\/messages(\/|$)/.test(path) ? 'anthropic' : 'openai';
}

/**
 * Whether a body is the error shape of the surface that serves `path`: OpenAI's
 * `{"error":{"message","type","param","code"}}`, or Anthropic's `{"type":"error","error":{"type","message"}}`.
 */
export function isSurfaceError(path: string, body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const error = (body as { error?: unknown }).error as Record<string, unknown> | undefined;
  if (typeof error !== 'object' || error === null) return false;
  if (typeof error['message'] !== 'string' || typeof error['type'] !== 'string') return false;
  if (surfaceOf(path) === 'anthropic') return (body as { type?: unknown }).type === 'error';
  return 'code' in error && 'param' in error;
}

/** The machine-readable code of an error body of either surface (Anthropic has none: its type). */
export function errorCodeOf(body: unknown): string | undefined {
  const error = (body as { error?: { code?: unknown; type?: unknown } } | undefined)?.error;
  return typeof error?.code === 'string' ? error.code : typeof error?.type === 'string' ? error.type : undefined;
}
