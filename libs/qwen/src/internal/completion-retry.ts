import type { GatewayError } from '@qwen-proxy/contracts';

/** Why a completion that failed before its first event is sent once more, and how. */
export type CompletionRetry =
  /** Bad_Request: the cached front-end version is the first suspect (audit B1). */
  | { kind: 'refresh-version' }
  /** An empty 200 that was not a stream comes and goes (audit D10). */
  | { kind: 'empty-answer'; waitMs: 0 }
  /** "The chat is in progress!": wait for the earlier generation to end (audit B5). */
  | { kind: `chat-in-progress-${number}`; waitMs: number };

export interface CompletionRetryContext {
  /** Retries already made for this completion, so each kind is tried once (per step). */
  retriesDone: ReadonlySet<CompletionRetry['kind']>;
  /** A configured version cannot be re-discovered. */
  versionIsConfigured: boolean;
  chatInProgressDelaysMs: readonly number[];
}

/** The retry due for an error that arrived before anything else, or undefined to report it. */
export function completionRetryFor(error: GatewayError, context: CompletionRetryContext): CompletionRetry | undefined {
  const { retriesDone } = context;
  if (error.code === 'qwen_bad_request' && !context.versionIsConfigured && !retriesDone.has('refresh-version')) {
    return { kind: 'refresh-version' };
  }
  if (error.code === 'qwen_empty_response' && !retriesDone.has('empty-answer')) return { kind: 'empty-answer', waitMs: 0 };
  if (error.code === 'qwen_chat_in_progress') {
    const step = context.chatInProgressDelaysMs.findIndex((_, index) => !retriesDone.has(`chat-in-progress-${index}`));
    if (step >= 0) return { kind: `chat-in-progress-${step}`, waitMs: context.chatInProgressDelaysMs[step]! };
  }
  return undefined;
}
