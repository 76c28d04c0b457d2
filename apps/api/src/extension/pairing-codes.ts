import { createHash, randomBytes } from 'node:crypto';

/** Why a pairing code was refused; each becomes its own error code for the console. */
export type PairingCodeRefusal = 'unknown' | 'expired' | 'used';

export interface IssuedPairingCode {
  code: string;
  expiresAt: number;
}

interface PendingCode {
  expiresAt: number;
  used: boolean;
}

const hashOf = (code: string): string => createHash('sha256').update(code).digest('hex');

/**
 * One-time pairing codes, kept in memory only: a code lives minutes, so a restart that forgets
 * it just means pressing Connect again, and nothing reusable ever reaches the database.
 * Codes carry 128 random bits because a machine, not a person, carries them (console → page
 * bridge → extension), so guessing is hopeless and no attempt counting is needed.
 */
export class PairingCodes {
  private readonly pending = new Map<string, PendingCode>();

  constructor(
    private readonly lifetimeMs: number = 5 * 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  issue(): IssuedPairingCode {
    this.forgetExpired();
    const code = randomBytes(16).toString('base64url');
    const expiresAt = this.clock() + this.lifetimeMs;
    this.pending.set(hashOf(code), { expiresAt, used: false });
    return { code, expiresAt };
  }

  /** Uses the code up; the second use of a code is refused even within its lifetime. */
  consume(code: string): { ok: true } | { ok: false; refusal: PairingCodeRefusal } {
    const entry = this.pending.get(hashOf(code));
    if (!entry) return { ok: false, refusal: 'unknown' };
    if (entry.used) return { ok: false, refusal: 'used' };
    if (entry.expiresAt <= this.clock()) return { ok: false, refusal: 'expired' };
    entry.used = true;
    return { ok: true };
  }

  private forgetExpired(): void {
    const now = this.clock();
    // Used codes stay until they expire so a replay is reported as "used", not "unknown".
    for (const [hash, entry] of this.pending) if (entry.expiresAt <= now) this.pending.delete(hash);
  }
}
