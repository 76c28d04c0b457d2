import type { HttpErrorResponse } from '@angular/common/http';

export interface ExplainedError {
  message: string;
  /** What the person can do about it. */
  hint?: string;
  /** The token was refused: sign in again. */
  signOut?: boolean;
}

/** Turns an HTTP failure into a sentence and what to do, for the snack bar. Pure. */
export function explainHttpError(error: Pick<HttpErrorResponse, 'status' | 'error' | 'message'>): ExplainedError {
  const body = error.error as { error?: { message?: string; code?: string } } | string | null | undefined;
  const serverMessage = typeof body === 'object' && body?.error?.message ? body.error.message : undefined;
  if (error.status === 0) {
    return { message: 'The control plane is not answering.', hint: 'Check that Qwen Proxy is still running (npm start), then retry.' };
  }
  if (error.status === 401) {
    return { message: serverMessage ?? 'The admin token was refused.', hint: 'Sign in again with the token printed at start.', signOut: true };
  }
  if (error.status === 404) {
    return { message: serverMessage ?? 'Not found.', hint: 'It may have been removed: refresh the page.' };
  }
  if (error.status === 429) {
    return { message: serverMessage ?? 'Too many requests.', hint: 'Wait a moment and retry.' };
  }
  if (error.status >= 500) {
    return { message: serverMessage ?? `The server failed (${error.status}).`, hint: 'See the Qwen Proxy log in the terminal for details.' };
  }
  return { message: serverMessage ?? error.message ?? `Request failed (${error.status}).` };
}
