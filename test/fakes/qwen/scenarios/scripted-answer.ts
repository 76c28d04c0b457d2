/**
 * The failures of protocol §6 the fake can answer a completion with, instead of a stream.
 * Each is answered with the exact status, content type and body the real service uses.
 */
export const FAILURE_NAMES = [
  'daily-limit',
  'overloaded',
  'bad-request',
  'token-expired',
  'http-401',
  'http-403',
  'http-500',
  'waf-html',
  'captcha',
  'moderation',
  'unknown-parent',
  'not-found',
  // 2026 shapes (failures/late-2026-error.replies.ts)
  'rate-limited-template',
  'unauthorized-bare',
  'parallel-limited',
  'quota-limited',
  'http-402',
  'invalid-input',
  'not-found-lowercase',
  'guest-limit',
] as const;

export type FailureName = (typeof FAILURE_NAMES)[number];

/** Fine-tuning of a failure reply. */
export interface FailureOptions {
  /** `daily-limit` only: the hours to wait, sent as `data.num`. Default 10. */
  num?: number;
  /** Replaces the human-readable `details` of JSON failures. */
  details?: string;
}

/** Where an error inside a stream puts its code and details (protocol §6 reports several shapes). */
/**
 * `candidate`: `{"error":{…},"response_id","response_index":0}` (ai-free test, 2026-08); `bare`:
 * `{"code","detail"}` at the top level (FreeQwenApi sse.js); `delta-status`: an answer delta with
 * `status:"error"` and the details as its content (later g4f).
 */
export type StreamErrorShape = 'top-level' | 'under-data' | 'envelope' | 'candidate' | 'bare' | 'delta-status';

/** A web page a search phase reports as consulted. */
export interface SearchSource {
  title: string;
  url: string;
  snippet: string;
}

/**
 * What one completion does. Queued with `FakeQwen.script()` and consumed FIFO by the next
 * completions that pass validation. Wherever `text` is optional, it defaults to the default
 * answer (`You said: "…" (turn N of this chat; …)`), so scripted scenarios keep showing context.
 */
export type ScriptedAnswer =
  /** A plain answer in phase `answer`; `chunks` fixes the deltas exactly. */
  | { kind: 'answer'; text?: string; chunks?: string[] }
  /** `thinking_format: "summary"`: growing `extra.summary_thought.content` snapshots, then the answer. */
  | { kind: 'thinking-summary'; thoughts: string[]; title?: string; text?: string }
  /** `thinking_format: "detail"` (older): reasoning deltas in phase `think`, then the answer. */
  | { kind: 'thinking-detail'; reasoning: string; text?: string }
  /** A `web_search` tool phase with `extra.web_search_info`, then the answer. */
  | { kind: 'search'; sources: SearchSource[]; text?: string }
  /**
   * `count` `response.info` keep-alive frames before the answer, `intervalMs` apart (default: the
   * fake's chunk interval), e.g. to show that a proxy's idle timeout is reset by keep-alives.
   */
  | { kind: 'keep-alive'; count: number; intervalMs?: number; text?: string }
  /** Answer frames that each carry the whole text so far instead of a delta. */
  | { kind: 'snapshot-answer'; text?: string }
  /** The other reported shape: `response.output_text.delta` frames, then `response.completed`. */
  | { kind: 'output-text-shape'; text?: string }
  /** Phase `image_gen`: one whole image URL per `typing` frame. */
  | { kind: 'image'; urls: string[] }
  /**
   * The connection ends after `afterChunks` answer deltas, without the `finished` frame.
   * `ending: "destroy"` (default) resets the socket; `"end"` closes the HTTP response cleanly.
   */
  | { kind: 'cut'; afterChunks: number; text?: string; ending?: 'destroy' | 'end' }
  /** Nothing at all (not even headers) for `delayMs`, then a normal answer. */
  | { kind: 'slow-first-byte'; delayMs: number; text?: string }
  /** Headers sent, then never a frame; the stream stays open until the client or the fake closes it. */
  | { kind: 'hang' }
  /**
   * The whole stream written in small odd byte pieces (cuts inside multi-byte characters), with
   * CRLF line endings on some frames, trailing spaces on others, and SSE comment lines.
   */
  | { kind: 'split-bytes'; text?: string; seed?: number }
  /**
   * `afterChunks` answer deltas, then an error frame and the end of the connection. The frame's
   * shape: `top-level` (default) `{"error": {"code", "details"}}`, `under-data`
   * `{"data": {"error": {…}}}`, or `envelope` `{"success": false, "request_id", "data": {"code", "details"}}`.
   */
  | { kind: 'stream-error'; code: string; details: string; afterChunks: number; text?: string; shape?: StreamErrorShape }
  /**
   * Two candidate answers in one stream (Rfym21/Qwen2API#149, 2026-08): `response.created` for
   * candidate 0 (`text`, the chat keeps it) and candidate 1 (`otherText`), then their deltas
   * interleaved, each tagged with its `response_id`; candidate 1 finishes first.
   */
  | { kind: 'dual-candidates'; text?: string; otherText?: string }
  /** `frame` (any JSON) sent as is after `response.created`, then a normal answer: a protocol change. */
  | { kind: 'novel-frame'; frame: unknown; text?: string }
  /** A whole-response failure of protocol §6 instead of a stream. */
  | ({ kind: 'failure'; failure: FailureName } & FailureOptions);

export type ScriptedAnswerKind = ScriptedAnswer['kind'];

/** The scripted answers that produce an event stream (every kind except `failure`). */
export type StreamedAnswer = Exclude<ScriptedAnswer, { kind: 'failure' }>;

export type ScriptedFailure = Extract<ScriptedAnswer, { kind: 'failure' }>;
