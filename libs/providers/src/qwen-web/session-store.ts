/** A Qwen conversation as the provider needs it to continue. */
export interface QwenSession {
  id: string;
  credentialId: string | null;
  chatId: string;
  model: string;
  explicitKey: string | null;
  /** The client that opened it (API key id; null in open mode): no other client continues it. */
  clientScope: string | null;
  /** Hash of the system prompt the chat was opened with (see `openingHash`). */
  openingHash: string | null;
  /** The upstream id of the newest answer in this chat (the next turn's `parent_id`). */
  lastResponseId: string | null;
}

/** Where a continuation was found: the session and the answer to continue from. */
export interface SessionContinuation {
  session: QwenSession;
  parentResponseId: string;
}

/**
 * Persistence port of conversations (implemented on the database by the app). Lookups skip
 * sessions idle past the store's expiry, so a stale one is treated as a new conversation.
 */
export interface SessionStore {
  /** The turn of a session of `clientScope` whose history hashes to `historyHash`. */
  findByHistoryHash(historyHash: string, clientScope: string | null): Promise<SessionContinuation | undefined>;
  /**
   * The newest session of `clientScope` named `explicitKey` that was opened with the same system
   * prompt and whose client never resent its history (one that does would have sent it).
   */
  findByExplicitKey(explicitKey: string, match: { clientScope: string | null; openingHash: string }): Promise<QwenSession | undefined>;
  /** Stores a new conversation under the id its caller chose (the caller may use it before this resolves). */
  open(session: Omit<QwenSession, 'lastResponseId'> & { title: string }): Promise<void>;
  /** Records an answer: the history hash a client will resend, and the upstream answer id; `resentHistory` when the request carried earlier answers. */
  recordTurn(sessionId: string, turn: { historyHash: string; responseId: string; requestId?: string; resentHistory?: boolean }): Promise<void>;
  /** The upstream chat is gone (deleted, or Qwen no longer knows it). */
  close(sessionId: string): Promise<void>;
}
