import type { QwenErrorReply } from '../failures/qwen-error.replies';

/** Why the fake refuses a request, and the reply the real service gives in that case. */
export interface Rejection {
  error: QwenErrorReply;
  /** For test assertions and logs; never sent, since the real service does not say it either. */
  reason: string;
}

/** The result of one validation step: the checked value, or the rejection to send. */
export type Checked<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };

export function passed<T>(value: T): Checked<T> {
  return { ok: true, value };
}

export function refused(error: QwenErrorReply, reason: string): { ok: false; rejection: Rejection } {
  return { ok: false, rejection: { error, reason } };
}
