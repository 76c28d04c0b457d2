import type { ChatEventOf } from '@qwen-proxy/contracts';
import type { QwenUnknownShape } from './internal/unknown-shape';

/**
 * Qwen's first frame: the ids a caller needs for the next turn. `responseId` (the assistant
 * message) is the next turn's `parentId`; `parentId` is the server's id of the user message.
 * When Qwen streams two candidate answers, these are candidate 0's.
 */
export interface QwenResponseCreatedEvent {
  type: 'response-created';
  chatId?: string;
  parentId?: string;
  responseId?: string;
}

/**
 * A frame, phase or error code the parser does not know. It changes nothing in the answer; it
 * is there so that "Qwen sent something new" can be counted and shown (at most
 * `maxUnknownShapesPerStream` per stream).
 */
export interface QwenUnknownShapeEvent {
  type: 'unknown-shape';
  shape: QwenUnknownShape;
}

/**
 * What one Qwen completion stream yields: the ids, then the gateway's own stream parts. A stream
 * ends with exactly one `finish` or `error`; upstream failures arrive as `error` events, not as
 * thrown errors, so consumers handle one shape.
 */
export type QwenEvent =
  | QwenResponseCreatedEvent
  | QwenUnknownShapeEvent
  | ChatEventOf<'text-delta' | 'reasoning-delta' | 'source' | 'usage' | 'finish' | 'error'>;
