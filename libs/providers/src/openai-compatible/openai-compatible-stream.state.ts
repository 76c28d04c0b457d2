import { randomUUID } from 'node:crypto';
import type { ChatEvent, GatewayError, SourceReference, TokenUsage } from '@qwen-proxy/contracts';
import type { OpenAiChunk, OpenAiMessageDelta, OpenAiToolCallDelta } from './openai-chunk.schema';
import { mapOpenAiFinishReason } from './openai-finish-reason.mapping';
import { sourcesOfAnnotations, sourcesOfCitations } from './openai-sources.mapping';
import { mapOpenAiUsage } from './openai-usage.mapping';
import { upstreamIncompleteError, type UpstreamIdentity, upstreamStreamError } from './upstream-error.mapping';

export interface StreamStateOptions {
  identity: UpstreamIdentity;
  /** The model asked of the upstream: reported when the upstream names none. */
  model: string;
  /** Usage for an answer the upstream did not count (some servers ignore `include_usage`). */
  estimateUsage?: (output: { text: string; reasoning: string }) => TokenUsage;
}

/** One tool call being received, keyed by the upstream's index. */
interface ToolCallProgress {
  /** Ours: dense and in order of appearance, whatever the upstream numbered. */
  index: number;
  id: string;
  /** True while `id` is one we made up, so a late upstream id can still replace it. */
  generatedId: boolean;
  name?: string;
  started: boolean;
  ended: boolean;
  /** Argument text that came before the name, held until the call can start. */
  heldArguments: string;
}

/**
 * One OpenAI-compatible answer, chunk by chunk, as ChatEvents. Pure and per stream: `push` each
 * parsed chunk, `end` when the stream closes (`[DONE]` or end of body), `fail` when the caller
 * gives up (timeout). Only the first choice is read: a ChatEvent stream carries one answer.
 *
 * `finish` is held until `end`, because OpenAI sends the usage chunk after the one with
 * `finish_reason`, and a well-formed event stream has usage before its single `finish`.
 */
export class OpenAiCompatibleStreamState {
  private started = false;
  private ended = false;
  private upstreamId?: string;
  private upstreamModel?: string;
  private hasOutput = false;
  private finishReason?: string;
  private usage?: TokenUsage;
  private readonly toolCalls = new Map<number, ToolCallProgress>();
  private lastToolCallKey?: number;
  private nextToolCallIndex = 0;
  private readonly sourceUrls = new Set<string>();
  private text = '';
  private reasoning = '';

  constructor(private readonly options: StreamStateOptions) {}

  /** Whether the stream has reached its `finish` or `error`; later input is ignored. */
  get isEnded(): boolean {
    return this.ended;
  }

  push(chunk: OpenAiChunk): ChatEvent[] {
    if (this.ended) return [];
    const events: ChatEvent[] = [];
    this.upstreamId ||= chunk.id || undefined;
    this.upstreamModel ||= chunk.model || undefined;
    if (chunk.error) {
      this.fail(upstreamStreamError(chunk.error, this.options.identity), events);
      return events;
    }
    // Azure opens with a chunk of content-filter results and no id: not yet the answer.
    if (chunk.id || chunk.choices?.length) this.start(events);
    this.addSources(sourcesOfCitations(chunk.citations, chunk.search_results), events);

    const choice = chunk.choices?.find((candidate) => (candidate.index ?? 0) === 0);
    if (choice?.delta) this.readDelta(choice.delta, events);
    if (chunk.usage) this.usage = mapOpenAiUsage(chunk.usage) ?? this.usage;
    if (choice?.finish_reason) {
      if (choice.finish_reason === 'error') {
        // OpenRouter's way of saying the model failed, when no error object came with it.
        this.fail(upstreamStreamError({}, this.options.identity), events);
        return events;
      }
      this.finishReason = choice.finish_reason;
      this.endToolCalls(events);
    }
    return events;
  }

  /**
   * The stream closed. With a `finish_reason` the answer is complete. Without one, what arrived
   * is delivered as truncated; if nothing did, it is an error (`interruption` says why, when
   * the connection failed), never a silent empty answer.
   */
  end(interruption?: GatewayError): ChatEvent[] {
    if (this.ended) return [];
    const events: ChatEvent[] = [];
    if (this.finishReason !== undefined) this.finish(events, false);
    else if (this.hasOutput) this.finish(events, true);
    else this.fail(interruption ?? upstreamIncompleteError(this.options.identity), events);
    return events;
  }

  /** The caller stopped the stream on a failure of its own (a timeout). */
  failWith(error: GatewayError): ChatEvent[] {
    if (this.ended) return [];
    const events: ChatEvent[] = [];
    this.fail(error, events);
    return events;
  }

  private start(events: ChatEvent[]): void {
    if (this.started) return;
    this.started = true;
    events.push({
      type: 'response-start',
      upstreamId: this.upstreamId,
      model: this.upstreamModel ?? this.options.model,
      provider: this.options.identity.providerId,
    });
  }

  private readDelta(delta: OpenAiMessageDelta, events: ChatEvent[]): void {
    // Servers that send both carry the same text twice; `reasoning_content` is the older name.
    const reasoning = delta.reasoning_content || delta.reasoning;
    if (reasoning) {
      this.emitOutput(events, { type: 'reasoning-delta', text: reasoning });
      if (this.options.estimateUsage) this.reasoning += reasoning;
    }
    if (delta.content) this.emitText(delta.content, events);
    // A refusal is the model's answer to the person; the ChatEvent stream has no other place for it.
    if (delta.refusal) this.emitText(delta.refusal, events);
    for (const toolCall of delta.tool_calls ?? []) this.readToolCall(toolCall, events);
    if (delta.function_call) this.readToolCall({ index: undefined, id: undefined, type: 'function', function: delta.function_call }, events);
    this.addSources(sourcesOfAnnotations(delta.annotations), events);
  }

  private emitText(text: string, events: ChatEvent[]): void {
    this.emitOutput(events, { type: 'text-delta', text });
    if (this.options.estimateUsage) this.text += text;
  }

  private readToolCall(delta: OpenAiToolCallDelta, events: ChatEvent[]): void {
    const key = this.toolCallKeyOf(delta);
    this.lastToolCallKey = key;
    let call = this.toolCalls.get(key);
    if (!call) {
      call = {
        index: this.nextToolCallIndex++,
        id: delta.id || `call_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
        generatedId: !delta.id,
        started: false,
        ended: false,
        heldArguments: '',
      };
      this.toolCalls.set(key, call);
    } else if (call.generatedId && delta.id && !call.started) {
      call.id = delta.id;
      call.generatedId = false;
    }
    // Some servers repeat the name on every delta: only the first counts.
    call.name ??= delta.function?.name || undefined;
    const argumentsDelta = delta.function?.arguments ?? '';
    // After its end (the finish chunk) a call cannot grow: the events would be out of order.
    if (call.ended) return;
    if (!call.started) {
      call.heldArguments += argumentsDelta;
      if (call.name !== undefined) this.startToolCall(call, events);
      return;
    }
    if (argumentsDelta) this.emitToolArguments(call, argumentsDelta, events);
  }

  /**
   * The upstream's index when it sends one. Without (Gemini's compatibility layer, old
   * llama.cpp), a new id is a new call and a delta without id continues the last one.
   */
  private toolCallKeyOf(delta: OpenAiToolCallDelta): number {
    if (delta.index !== undefined) return delta.index;
    if (delta.id) {
      for (const [key, call] of this.toolCalls) if (call.id === delta.id) return key;
      return this.nextFreeToolCallKey();
    }
    return this.lastToolCallKey ?? this.nextFreeToolCallKey();
  }

  private nextFreeToolCallKey(): number {
    return this.toolCalls.size === 0 ? 0 : Math.max(...this.toolCalls.keys()) + 1;
  }

  private startToolCall(call: ToolCallProgress, events: ChatEvent[]): void {
    call.started = true;
    if (this.options.estimateUsage) this.text += call.name ?? '';
    this.emitOutput(events, { type: 'tool-call-start', index: call.index, id: call.id, name: call.name ?? '' });
    if (call.heldArguments) this.emitToolArguments(call, call.heldArguments, events);
    call.heldArguments = '';
  }

  private emitToolArguments(call: ToolCallProgress, argumentsDelta: string, events: ChatEvent[]): void {
    events.push({ type: 'tool-call-delta', index: call.index, argumentsDelta });
    if (this.options.estimateUsage) this.text += argumentsDelta;
  }

  /** Every call ends when the answer does; a call whose name never came is still delivered, unnamed. */
  private endToolCalls(events: ChatEvent[]): void {
    for (const call of this.toolCalls.values()) {
      if (call.ended) continue;
      if (!call.started) this.startToolCall(call, events);
      call.ended = true;
      events.push({ type: 'tool-call-end', index: call.index });
    }
  }

  private addSources(sources: SourceReference[], events: ChatEvent[]): void {
    for (const source of sources) {
      // Perplexity repeats its citations on every chunk.
      if (this.sourceUrls.has(source.url)) continue;
      this.sourceUrls.add(source.url);
      this.start(events);
      events.push({ type: 'source', source });
    }
  }

  private emitOutput(events: ChatEvent[], event: ChatEvent): void {
    this.start(events);
    this.hasOutput = true;
    events.push(event);
  }

  private finish(events: ChatEvent[], truncated: boolean): void {
    this.start(events);
    this.endToolCalls(events);
    const usage = this.usage ?? this.options.estimateUsage?.({ text: this.text, reasoning: this.reasoning });
    if (usage) events.push({ type: 'usage', usage });
    events.push({ type: 'finish', reason: truncated ? 'stop' : mapOpenAiFinishReason(this.finishReason), truncated });
    this.ended = true;
  }

  private fail(error: GatewayError, events: ChatEvent[]): void {
    events.push({ type: 'error', error });
    this.ended = true;
  }
}
