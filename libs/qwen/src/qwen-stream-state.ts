import type { FinishReason, GatewayError, SourceReference, TokenUsage } from '@qwen-proxy/contracts';
import { parseQwenFrame, type QwenDelta, type QwenSearchHit, type QwenUsage } from './internal/frame-schemas';
import { IncrementalText } from './internal/incremental-text';
import { SummaryThoughts } from './internal/summary-thoughts';
import { toTokenUsage } from './internal/usage-mapping';
import type { QwenEvent, QwenResponseCreatedEvent } from './qwen-event';
import { emptyAnswerError, emptyStreamError, qwenErrorFromPayload } from './qwen-error-classification';

/** Phases whose `finished` status ends the answer; a finished thinking phase does not. */
const finalPhases = new Set(['answer', 'image_gen']);

/**
 * The state of one Qwen completion stream: decoded frames in (`push`), gateway events out, and
 * `end()` when the connection closes. No I/O and no RxJS, so every rule of the protocol can be
 * tested frame by frame.
 *
 * Usage is a running total upstream, so only the last one is kept and emitted once, just before
 * `finish`. After `finish` or `error` every further frame is ignored.
 */
export class QwenStreamState {
  private ended = false;
  private responseCreated = false;
  private deliveredText = false;
  private usage?: TokenUsage;
  private unrecognisedFrames = 0;
  private readonly answer = new IncrementalText();
  private readonly thinking = new IncrementalText();
  private readonly summary = new SummaryThoughts();
  private readonly sourceUrls = new Set<string>();
  private readonly imageUrls = new Set<string>();

  /** Frames that matched no known shape (or were not JSON): skipped, counted for diagnostics. */
  get unrecognisedFrameCount(): number {
    return this.unrecognisedFrames;
  }

  /** True once any answer or reasoning text has been emitted. */
  get hasDeliveredText(): boolean {
    return this.deliveredText;
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
        const { chatId, parentId, responseId } = parsed;
        this.announceResponse({ chatId, parentId, responseId }, events);
        break;
      }
      case 'keep-alive':
        break;
      case 'deltas':
        // Without `response.created`, the deltas' own `response_id` still lets the next turn chain.
        if (parsed.responseId) this.announceResponse({ responseId: parsed.responseId }, events);
        this.keepUsage(parsed.usage);
        for (const delta of parsed.deltas) {
          this.readDelta(delta, events);
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
      case 'error':
        this.fail(qwenErrorFromPayload(parsed.error), events);
        break;
      case 'unrecognised':
        this.unrecognisedFrames += 1;
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

  private announceResponse(ids: Omit<QwenResponseCreatedEvent, 'type'>, events: QwenEvent[]): void {
    if (this.responseCreated) return;
    this.responseCreated = true;
    events.push({ type: 'response-created', ...ids });
  }

  private readDelta(delta: QwenDelta, events: QwenEvent[]): void {
    const phase = delta.phase ?? (delta.function_call || delta.function_id ? 'tool' : 'answer');
    const content = delta.content ?? '';
    this.collectSources(delta, events);

    switch (phase) {
      case 'answer':
        this.emitText('text-delta', this.answer.next(content), events);
        break;
      case 'think':
        this.emitText('reasoning-delta', this.thinking.next(content), events);
        break;
      case 'thinking_summary':
        this.emitText('reasoning-delta', this.summary.next(delta.extra?.summary_thought?.content ?? []), events);
        break;
      case 'image_gen':
        this.emitImage(content.trim(), events);
        break;
      default:
        // Server-side tools (web_search, image_search, …): their content is not answer text.
        break;
    }
    if (delta.status === 'finished' && finalPhases.has(phase)) this.finish('stop', false, events);
  }

  private collectSources(delta: QwenDelta, events: QwenEvent[]): void {
    const hits: QwenSearchHit[] = [...(delta.extra?.web_search_info ?? []), ...(delta.extra?.search_result ?? [])];
    for (const hit of hits) {
      if (this.sourceUrls.has(hit.url)) continue;
      this.sourceUrls.add(hit.url);
      const source: SourceReference = { url: hit.url };
      if (hit.title) source.title = hit.title;
      if (hit.snippet) source.snippet = hit.snippet;
      events.push({ type: 'source', source });
    }
  }

  /** Each `image_gen` frame holds one whole image URL; it reaches the user as markdown. */
  private emitImage(url: string, events: QwenEvent[]): void {
    if (!/^https?:\/\//i.test(url) || this.imageUrls.has(url)) return;
    this.imageUrls.add(url);
    const separator = this.deliveredText ? '\n\n' : '';
    this.emitText('text-delta', `${separator}![image](${url})`, events);
  }

  private emitText(type: 'text-delta' | 'reasoning-delta', text: string, events: QwenEvent[]): void {
    if (text === '') return;
    this.deliveredText = true;
    events.push({ type, text });
  }

  private keepUsage(usage: QwenUsage | undefined): void {
    const mapped = usage === undefined ? undefined : toTokenUsage(usage);
    if (mapped) this.usage = mapped;
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
