import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request facts every log line of that request carries. */
export interface RequestLogContext {
  requestId: string;
}

/** Carries the request id through async work without threading it through every call. */
export const requestLogContext = new AsyncLocalStorage<RequestLogContext>();
