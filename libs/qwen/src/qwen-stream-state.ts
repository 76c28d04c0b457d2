import type { FinishReason, GatewayError, SourceReference, TokenUsage } from '@qwen-proxy/contracts';
import { parseQwenFrame, type QwenDelta, type QwenErrorPayload, type QwenSearchHit, type QwenUsage } from './internal/frame-schemas';
import { IncrementalText } from './internal/incremental-text';
import { SummaryThoughts } from './internal/summary-thoughts';
import {
  frameNameOf,
  maxUnknownShapesPerStream,
  unknownShapeOf,
  type QwenUnknownShapeKind,
} from './internal/unknown-shape';
import { toTokenUsage } from './internal/usage-mapping';
import type { QwenEvent, QwenResponseCreatedEvent } from './qwen-event';
import { emptyAnswerError, emptyStreamError, qwenErrorFromPayload } from './qwen-error-classification';

/** Phases whose `finished` status ends the answer; a finished thinking phase does not. */
const finalPhases = new Set(['answer', 'image_gen']);
/** Reasoning, as true deltas: `think` (detail format) and the deep-research/image planning phases. */
const reasoningPhases = new Set(['think', 'DeepThinking', 'image_gen_think', 'ResearchPlanning']);
/**
 * Phases whose `content` (or `extra.image_list` / `extra.tool_result`) holds image URLs: the t2i
 * chat's `image_gen`, and the image tool inside a text chat (later g4f, unnamed peer 70935843465).
 */
const imagePhases = new Set(['image_gen', 'image_gen_tool', 'image_edit', 'image_edit_tool', 'generate_image']);
/**
 * Phases known to carry no answer text: server-side tools (their content is tool output), and
 * `KeepAlive`. Anything outside these lists is recorded as an unknown phase.
 */
const silentPhases = new Set(['web_search', 'image_search', 'tool', 'tool_call', 'web_extract', 'KeepAlive']);

/**
 * The state of one Qwen completion stream: decoded frames in (`push`), gateway events out, and
 * `end()` when the connection closes. No I/O and no RxJS, so every rule of the protocol can be
 * tested frame by frame.
 *
 * Usage is a running total upstream, so only the last one is kept and emitted once, just before
 * `finish`. After `finish` or `error` every further frame is ignored.
 *
 * Two candidate answers (B3, Rfym21/Qwen2API#149): Qwen may stream two answers at once, each
 * announced by its own `response.created` (`response_index` "0" and "1") and each delta tagged
 * with its `response_id`. Only candidate 0 is read (the web UI's primary answer; without any
 * index, the first `response_id` seen); the other's deltas, usage, `finished` and errors are
 * dropped, so text, reasoning and tool-call markup never mix.
 */
export class QwenStreamState {
  private ended = false;
  private responseCreated = false;
  private deliveredText = false;
  private deliveredAnswer = false;
  private usage?: TokenUsage;
  private unrecognisedFrames = 0;
  private unknownShapesKept = 0;
  private primaryResponseId?: string;
  private readonly otherCandidates = new Set<string>();
  private readonly answer = new IncrementalText();
  private readonly thinking = new IncrementalText();
  private readonly summary = new SummaryThoughts();
  private readonly sourceUrls = new Set<string>();
  private readonly imageUrls = new Set<string>();
  private readonly unknownPhases = new Set<string>();

  /** Frames that matched no known shape (or were not JSON): skipped, counted for diagnostics. */
  get unrecognisedFrameCount(): number {
    return this.unrecognisedFrames;
  }

  /** True once any answer or reasoning text has been emitted. */
  get hasDeliveredText(): boolean {
    return this.deliveredText;
  }

  /** True once answer text (not only reasoning) has been emitted. */
  get hasDeliveredAnswer(): boolean {
    return this.deliveredAnswer;
  }

  /** True once `finish` or `error` has been emitted. */
  get isEnded(): boolean {
    return this.ended;
  }

  /** One decoded frame (the parsed JSON of a `data:` line, or its raw text when it was not JSON). */
  push(frame: unknown): QwenEvent[] {
    if (this.ended) return [];
    const parsed = parseQwenFrame(frame);
    const events: QwenEvent[] = [];
    switch (parsed.kind) {
      case 'response-created': {
        const { chatId, parentId, responseId, responseIndex } = parsed;
        if (!this.adoptCandidate(responseId, responseIndex)) break;
        this.announceResponse({ chatId, parentId, responseId }, events);
        break;
      }
      case 'keep-alive':
        break;
      case 'deltas':
        if (!this.adoptCandidate(parsed.responseId, parsed.responseIndex)) break;
        // Without `response.created`, the deltas' own `response_id` still lets the next turn chain.
        if (parsed.responseId) this.announceResponse({ responseId: parsed.responseId }, events);
        this.keepUsage(parsed.usage);
        for (const delta of parsed.deltas) {
          this.readDelta(delta, frame, events);
          if (this.ended) break;
        }
        break;
      case 'output-text-delta':
        this.emitText('text-delta', this.answer.next(parsed.text), events);
        break;
      case 'response-completed':
        this.keepUsage(parsed.usage);
        this.finish('stop', false, events);
        break;
      case 'response-stopped':
        if (!this.adoptCandidate(parsed.responseId, undefined)) break;
        this.keepUsage(parsed.usage);
        this.finish('stop', false, events);
        break;
      case 'error':
        if (!this.adoptCandidate(parsed.error.responseId, parsed.error.responseIndex)) break;
        this.failWith(parsed.error, frame, events);
        break;
      case 'unrecognised':
        this.unrecognisedFrames += 1;
        this.recordUnknown('frame', frameNameOf(frame), frame, events);
        break;
    }
    return events;
  }

  /**
   * The connection closed. Without the final frame, what arrived is still delivered but flagged
   * as truncated; a stream that brought no text at all is an error, never a silent empty answer.
   */
  end(): QwenEvent[] {
    if (this.ended) return [];
    const events: QwenEvent[] = [];
    if (this.deliveredText) this.finish('stop', true, events);
    else this.fail(emptyStreamError(), events);
    return events;
  }

  /**
   * Whether a frame of this candidate is read. Candidate 0 (or the first id seen, when no index
   * says otherwise) becomes the primary; a candidate announced with another index is dropped.
   * A frame without any id (older streams) is always read.
   */
  private adoptCandidate(responseId: string | undefined, responseIndex: string | undefined): boolean {
    if (responseId === undefined) return responseIndex === undefined || responseIndex === '0' || this.primaryResponseId === undefined;
    if (responseId === this.primaryResponseId) return true;
    if (this.otherCandidates.has(responseId)) return false;
    const isSecondary = responseIndex !== undefined && responseIndex !== '0';
    if (this.primaryResponseId === undefined && !isSecondary) {
      this.primaryResponseId = responseId;
      return true;
    }
    // Another candidate (or candidate 1 announced before candidate 0, which is then awaited).
    this.otherCandidates.add(responseId);
    return false;
  }

  private announceResponse(ids: Omit<QwenResponseCreatedEvent, 'type'>, events: QwenEvent[]): void {
    if (this.responseCreated) return;
    this.responseCreated = true;
    events.push({ type: 'response-created', ...ids });
  }

  private readDelta(delta: QwenDelta, frame: unknown, events: QwenEvent[]): void {
    const phase = delta.phase ?? (delta.function_call || delta.function_id ? 'tool' : 'answer');
    const content = delta.content ?? '';
    this.collectSources(delta, events);

    if (delta.status === 'error') {
      // Later g4f: a delta that reports its own failure; `content` holds the reason, when any.
      this.failWith({ code: 'delta_error', details: content || undefined, riskControl: false }, frame, events);
      return;
    }
    if (phase === 'answer') {
      this.emitText('text-delta', this.answer.next(content), events);
    } else if (reasoningPhases.has(phase)) {
      this.emitText('reasoning-delta', this.thinking.next(content), events);
    } else if (phase === 'thinking_summary') {
      this.emitText('reasoning-delta', this.summary.next(delta.extra?.summary_thought?.content ?? []), events);
    } else if (imagePhases.has(phase)) {
      this.emitImage(content.trim(), events);
      for (const url of delta.extra?.image_urls ?? []) this.emitImage(url, events);
    } else if (!silentPhases.has(phase) && !this.unknownPhases.has(phase)) {
      // A phase nobody has described: its text is not shown (it might be tool output), but it is kept.
      this.unknownPhases.add(phase);
      this.recordUnknown('phase', phase, frame, events);
    }
    if (delta.status === 'finished' && finalPhases.has(phase)) this.finish('stop', false, events);
  }

  private collectSources(delta: QwenDelta, events: QwenEvent[]): void {
    const extra = delta.extra;
    if (extra === undefined) return;
    const hits: QwenSearchHit[] = [
      ...(extra.web_search_info ?? []),
      ...(extra.search_result ?? []),
      ...(extra.web_extract_info ?? []),
      ...(extra.tool_result_docs ?? []),
    ];
    for (const hit of hits) {
      if (this.sourceUrls.has(hit.url)) continue;
      this.sourceUrls.add(hit.url);
      const source: SourceReference = { url: hit.url };
      if (hit.title) source.title = hit.title;
      if (hit.snippet) source.snippet = hit.snippet;
      if (hit.citationNumber !== undefined) source.citationNumber = hit.citationNumber;
      events.push({ type: 'source', source });
    }
  }

  /** Each image frame holds one whole image URL; it reaches the user as markdown. */
  private emitImage(url: string, events: QwenEvent[]): void {
    if (!/^https?:\/\//i.test(url) || this.imageUrls.has(url)) return;
    this.imageUrls.add(url);
    const separator = this.deliveredText ? '\n\n' : '';
    this.emitText('text-delta', `${separator}![image](${url})`, events);
  }

  private emitText(type: 'text-delta' | 'reasoning-delta', text: string, events: QwenEvent[]): void {
    if (text === '') return;
    this.deliveredText = true;
    if (type === 'text-delta') this.deliveredAnswer = true;
    events.push({ type, text });
  }

  private keepUsage(usage: QwenUsage | undefined): void {
    const mapped = usage === undefined ? undefined : toTokenUsage(usage);
    if (mapped) this.usage = mapped;
  }

  private recordUnknown(kind: QwenUnknownShapeKind, name: string, frame: unknown, events: QwenEvent[]): void {
    if (this.unknownShapesKept >= maxUnknownShapesPerStream) return;
    this.unknownShapesKept += 1;
    events.push({ type: 'unknown-shape', shape: unknownShapeOf(kind, name, frame) });
  }

  private finish(reason: FinishReason, truncated: boolean, events: QwenEvent[]): void {
    // "Finished" with nothing said is how Qwen answers a request it quietly refused (a missing
    // output_schema, an anti-bot check): an error the user can act on, never an empty 200.
    if (!this.deliveredText && reason === 'stop') {
      events.push({ type: 'error', error: emptyAnswerError() });
      this.ended = true;
      return;
    }
    if (this.usage) events.push({ type: 'usage', usage: this.usage });
    events.push({ type: 'finish', reason, truncated });
    this.ended = true;
  }

  private failWith(payload: QwenErrorPayload, frame: unknown, events: QwenEvent[]): void {
    const error = qwenErrorFromPayload(payload);
    // The classifier's catch-all: an error code nobody has described yet.
    if (error.code === 'qwen_error') this.recordUnknown('error', payload.code ?? '(no code)', frame, events);
    this.fail(error, events);
  }

  private fail(error: GatewayError, events: QwenEvent[]): void {
    // Moderation after part of the answer: keep that part, and say why it stopped.
    if (error.code === 'content_filter' && this.deliveredText) {
      this.finish('content-filter', false, events);
      return;
    }
    events.push({ type: 'error', error });
    this.ended = true;
  }
}
