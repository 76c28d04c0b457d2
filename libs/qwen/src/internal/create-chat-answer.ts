/** What `chats/new` answered, once it was a 2xx JSON body that `readErrorPayload` did not flag. */
export type CreateChatAnswer =
  | { kind: 'chat'; chatId: string }
  /** The top-level `{"code":"unauthorized","details":"401 Unauthorized"}` of a stale version header. */
  | { kind: 'unauthorized'; details: string }
  | { kind: 'unknown' };

/**
 * Reads a `chats/new` answer: `{data:{id}}` (v2 envelope) or `{id}`; or the bare
 * `{code:"unauthorized"}` that chats/new gives to a stale `version` header (fixture
 * `silveriosg-2026-09-chats-new-stale-version-unauthorized.json`), which is not an envelope.
 */
export function readCreateChatAnswer(answer: unknown): CreateChatAnswer {
  if (typeof answer !== 'object' || answer === null) return { kind: 'unknown' };
  const record = answer as { id?: unknown; data?: unknown; code?: unknown; details?: unknown };
  const data = typeof record.data === 'object' && record.data !== null ? (record.data as { id?: unknown }) : undefined;
  const id = data?.id ?? record.id;
  if (typeof id === 'string' && id !== '') return { kind: 'chat', chatId: id };
  if (typeof record.code === 'string' && record.code.toLowerCase() === 'unauthorized') {
    return { kind: 'unauthorized', details: typeof record.details === 'string' ? record.details : record.code };
  }
  return { kind: 'unknown' };
}
