import type { ChatEventOf } from '@qwen-proxy/contracts';

/**
 * Qwen's first frame: the ids a caller needs for the next turn. `responseId` (the assistant
 * message) is the next turn's `parentId`; `parentId` is the server's id of the user message.
 */
export interface QwenResponseCreatedEvent {
  type: 'response-created';
  chatId?: string;
  parentId?: string;
  responseId?: string;
}

/**
 * What one Qwen completion stream yields: the ids, then the gateway's own stream parts. A stream
 * ends with exactly one `finish` or `error`; upstream failures arrive as `error` events, not as
 * thrown errors, so consumers handle one shape.
 */
export type QwenEvent =
  | QwenResponseCreatedEvent
  | ChatEventOf<'text-delta' | 'reasoning-delta' | 'source' | 'usage' | 'finish' | 'error'>;
