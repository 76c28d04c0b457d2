/** The token's lifetime as a chip (D11): "expires in 12 min" / "expired"; none when far off or unknown. */
export interface ExpiryChip {
  text: string;
  tone: 'warn' | 'expired' | 'ok';
}

/** Warn from this long before the end: a Qwen JWT can live as little as an hour. */
const warnBeforeMs = 60 * 60_000;

export function expiryChipOf(expiresAt: number | null | undefined, now: number): ExpiryChip | null {
  if (expiresAt === null || expiresAt === undefined) return null;
  const remaining = expiresAt - now;
  if (remaining <= 0) return { text: 'expired', tone: 'expired' };
  if (remaining > warnBeforeMs) return null;
  const minutes = Math.max(1, Math.round(remaining / 60_000));
  return { text: `expires in ${minutes} min`, tone: 'warn' };
}
