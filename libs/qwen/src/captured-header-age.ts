import type { QwenCredentials } from './qwen-credentials';

/** How long pasted anti-bot headers stay worth sending (audit D2). */
export interface CapturedHeaderMaxAge {
  /** `bx-ua` is signed per page session: 15–30 min (qwengate 15 min, pedrofariasx 30 min). */
  bxUaMs: number;
  /** `bx-umidtoken` lives longer: about 4 h (qwengate). */
  bxUmidtokenMs: number;
}

export const defaultCapturedHeaderMaxAge: CapturedHeaderMaxAge = { bxUaMs: 20 * 60_000, bxUmidtokenMs: 4 * 60 * 60_000 };

export type CapturedHeaderName = 'bx-ua' | 'bx-umidtoken';

/** The captured headers' state, for the account's view. */
export interface CapturedHeaderState {
  /** Headers held and still sent. */
  fresh: CapturedHeaderName[];
  /** Headers held but no longer sent: too old. */
  stale: CapturedHeaderName[];
  capturedAt: number | null;
}

/**
 * The credentials with stale pasted headers removed. An aged bx-ua turns into Bad_Request or a
 * captcha (FreeQwenApi, pedrofariasx), while the service accepted requests without any bx-*
 * header in August 2026 (weselow): once too old, sending none is the better bet. A header of
 * unknown age (stored before its capture time was kept) counts as stale.
 */
export function withoutStaleCapturedHeaders(
  credentials: QwenCredentials,
  capturedAt: number | null,
  now: number,
  maxAge: CapturedHeaderMaxAge = defaultCapturedHeaderMaxAge,
): { credentials: QwenCredentials; state: CapturedHeaderState } {
  const state: CapturedHeaderState = { fresh: [], stale: [], capturedAt };
  const result: QwenCredentials = { ...credentials };
  const age = capturedAt === null ? Number.POSITIVE_INFINITY : now - capturedAt;
  const check = (name: CapturedHeaderName, key: 'bxUa' | 'bxUmidtoken', limit: number) => {
    if (!credentials[key]) return;
    if (age <= limit) {
      state.fresh.push(name);
    } else {
      state.stale.push(name);
      delete result[key];
    }
  };
  check('bx-ua', 'bxUa', maxAge.bxUaMs);
  check('bx-umidtoken', 'bxUmidtoken', maxAge.bxUmidtokenMs);
  return { credentials: result, state };
}
