import type { LastSync } from '../shared/popup-state';

/** What the worker remembers between deliveries (kept in chrome.storage.local: the worker may be stopped any time). */
export interface SyncMemory {
  /** Fingerprint of the last payload the control plane accepted. */
  deliveredFingerprint: string | null;
  lastSync: LastSync | null;
}

export const initialSyncMemory: SyncMemory = { deliveredFingerprint: null, lastSync: null };

export type SyncDecision = { send: true } | { send: false; reason: 'unpaired' | 'logged-out' | 'unchanged' };

/**
 * Sends only what is new: cookie events fire for every WAF cookie refresh, and the same jar
 * twice would only rewrite the row. `force` (install, browser start, "Sync now", pairing)
 * sends anyway, in case the control plane lost the account.
 */
export function decideSync(input: { paired: boolean; loggedIn: boolean; fingerprint: string; memory: SyncMemory; force: boolean }): SyncDecision {
  if (!input.paired) return { send: false, reason: 'unpaired' };
  if (!input.loggedIn) return { send: false, reason: 'logged-out' };
  if (!input.force && input.fingerprint === input.memory.deliveredFingerprint) return { send: false, reason: 'unchanged' };
  return { send: true };
}

export type SyncOutcome =
  | { type: 'delivered'; at: number; fingerprint: string }
  | { type: 'failed'; at: number; message: string }
  | { type: 'refused'; at: number; message: string };

/**
 * A failure keeps the old fingerprint so the periodic check tries again; a refusal (401: the
 * token was revoked) forgets it so that, once paired again, the jar is delivered at once.
 */
export function afterSync(memory: SyncMemory, outcome: SyncOutcome): SyncMemory {
  switch (outcome.type) {
    case 'delivered':
      return { deliveredFingerprint: outcome.fingerprint, lastSync: { at: outcome.at, outcome: 'delivered' } };
    case 'failed':
      return { ...memory, lastSync: { at: outcome.at, outcome: 'failed', message: outcome.message } };
    case 'refused':
      return { deliveredFingerprint: null, lastSync: { at: outcome.at, outcome: 'refused', message: outcome.message } };
  }
}

/** A short, stable hash (cyrb53) of the payload: enough to notice a change, not meant to be secret-proof. */
export function fingerprintOf(text: string): string {
  let first = 0xdeadbeef;
  let second = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    first = Math.imul(first ^ code, 2654435761);
    second = Math.imul(second ^ code, 1597334677);
  }
  first = Math.imul(first ^ (first >>> 16), 2246822507) ^ Math.imul(second ^ (second >>> 13), 3266489909);
  second = Math.imul(second ^ (second >>> 16), 2246822507) ^ Math.imul(first ^ (first >>> 13), 3266489909);
  return (4294967296 * (2097151 & second) + (first >>> 0)).toString(36);
}
