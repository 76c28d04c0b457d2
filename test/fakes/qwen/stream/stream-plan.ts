import type { JsonValue } from './python-json.serializer';
import type { QwenFrame } from './qwen-frames';

/** How one frame is laid out on the wire; the split-bytes scenario varies it like sloppy servers do. */
export interface FrameLayout {
  lineEnding: '\n' | '\r\n';
  /** Spaces after the JSON, before the line ending. */
  trailingSpaces: number;
}

/** One thing the stream does, in order. */
export type StreamStep =
  | { kind: 'frame'; frame: QwenFrame; layout?: FrameLayout }
  /** `novel-frame`: a payload of no known shape, sent as is (a protocol change, for clients to survive). */
  | { kind: 'novel-frame'; payload: JsonValue }
  /** An SSE comment line (`: text`), which clients must ignore. */
  | { kind: 'comment'; text: string }
  | { kind: 'wait'; milliseconds: number };

/** How the stream ends: a clean close, a reset socket, or never (until someone hangs up). */
export type StreamEnding = 'close' | 'destroy' | 'hold-open';

/** Everything a completion stream will do, decided before the first byte is written. */
export interface StreamPlan {
  /** Silence before the status line and headers. */
  firstByteDelayMs: number;
  steps: StreamStep[];
  /** `split-bytes`: the encoded stream is cut into small odd pieces written one by one. */
  delivery: { mode: 'frames' } | { mode: 'split-bytes'; seed: number };
  ending: StreamEnding;
  /** The assistant text the chat keeps once the stream has been played. */
  storedAnswer: string;
}
