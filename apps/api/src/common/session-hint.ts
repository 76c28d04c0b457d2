import { createHash } from 'node:crypto';
import type { Request } from 'express';

/**
 * Headers by which clients name their conversation, most specific first: ours, Claude Code's
 * (since 2.1.86), Codex's (`session-id`, formerly `session_id` / `conversation_id`), OpenCode's
 * and the common affinity header. Each is only a hint (see QwenTurn.findContinuation): it can
 * continue a chat whose history matches, never graft one conversation onto another.
 */
export const sessionHintHeaders = ['x-session-id', 'x-claude-code-session-id', 'session-id', 'session_id', 'conversation_id', 'x-opencode-session', 'x-session-affinity'];

/** Longest hint kept as it is (the column's width); a longer one is kept as its hash. */
const maxHintLength = 200;

/** The conversation hint a request's headers carry, if any. */
export function sessionHintOf(request: Pick<Request, 'header'>): string | undefined {
  for (const name of sessionHintHeaders) {
    const value = request.header(name)?.trim();
    if (!value) continue;
    return value.length <= maxHintLength ? value : `sha256:${createHash('sha256').update(value).digest('hex')}`;
  }
  return undefined;
}
