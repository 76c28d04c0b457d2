import type { ChatEvent, FinishReason, TokenUsage } from '@qwen-proxy/contracts';
import { type AnthropicStopReason, toAnthropicStopReason } from './anthropic-stop-reason';
import { type AnthropicUsage, toAnthropicUsage } from './anthropic-usage';
import { thinkingSignatureOf } from './thinking-signature';

export type AnthropicContentBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicContentBlock[];
  stop_reason: AnthropicStopReason | null;
  stop_sequence: string | null;
  usage: AnthropicUsage;
}

export type AnthropicContentDelta =
  | { type: 'text_delta'; text: string }
  | { type: 'thinking_delta'; thinking: string }
  | { type: 'signature_delta'; signature: string }
  | { type: 'input_json_delta'; partial_json: string };

/** The events of a Messages stream; each goes out as `event: <type>` with itself as data. */
export type AnthropicStreamEvent =
  | { type: 'message_start'; message: AnthropicMessage }
  | { type: 'content_block_start'; index: number; content_block: AnthropicContentBlock }
  | { type: 'content_block_delta'; index: number; delta: AnthropicContentDelta }
  | { type: 'content_block_stop'; index: number }
  | { type: 'message_delta'; delta: { stop_reason: AnthropicStopReason; stop_sequence: null }; usage: AnthropicUsage }
  | { type: 'message_stop' }
  | { type: 'ping' };

export interface AnthropicEventMapperOptions {
  id: string;
  model: string;
  /** The prompt counted locally, for `message_start` (the provider reports usage only at the end). */
  inputTokens: number;
}

type OpenBlock = { index: number; kind: 'text' } | { index: number; kind: 'thinking'; thinking: string } | { index: number; kind: 'tool'; toolIndex: number };

/**
 * ChatEvents to the Messages stream, pure and per stream: `message_start`, then one content
 * block at a time (thinking with `thinking_delta` and a closing `signature_delta`, text with
 * `text_delta`, tool_use with `input_json_delta`), then `message_delta` with the stop reason and
 * usage, and `message_stop`.
 */
export class AnthropicEventMapper {
  private started = false;
  private nextIndex = 0;
  private open?: OpenBlock;
  private readonly toolBlocks = new Map<number, number>();
  private usage?: TokenUsage;
  private finish?: { reason: FinishReason; truncated: boolean };

  constructor(private readonly options: AnthropicEventMapperOptions) {}

  map(event: ChatEvent): AnthropicStreamEvent[] {
    switch (event.type) {
      case 'response-start':
        return this.start();
      case 'text-delta':
        if (!event.text) return [];
        return [...this.openBlock('text'), this.delta({ type: 'text_delta', text: event.text })];
      case 'reasoning-delta': {
        if (!event.text) return [];
        const events = this.openBlock('thinking');
        if (this.open?.kind === 'thinking') this.open.thinking += event.text;
        return [...events, this.delta({ type: 'thinking_delta', thinking: event.text })];
      }
      case 'tool-call-start': {
        const events = [...this.start(), ...this.closeBlock()];
        const index = this.nextIndex++;
        this.open = { index, kind: 'tool', toolIndex: event.index };
        this.toolBlocks.set(event.index, index);
        events.push({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: event.id, name: event.name, input: {} } });
        return events;
      }
      case 'tool-call-delta': {
        const index = this.toolBlocks.get(event.index);
        if (index === undefined || !event.argumentsDelta) return [];
        return [{ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: event.argumentsDelta } }];
      }
      case 'tool-call-end':
        return this.open?.kind === 'tool' && this.open.toolIndex === event.index ? this.closeBlock() : [];
      case 'usage':
        this.usage = event.usage;
        return [];
      case 'finish':
        this.finish = { reason: event.reason, truncated: event.truncated };
        return [];
      case 'source':
      case 'error':
        return [];
    }
  }

  /** The closing events, once the stream has ended well. */
  end(): AnthropicStreamEvent[] {
    return [
      ...this.start(),
      ...this.closeBlock(),
      {
        type: 'message_delta',
        delta: { stop_reason: toAnthropicStopReason(this.finish?.reason, this.finish?.truncated ?? false), stop_sequence: null },
        usage: toAnthropicUsage(this.usage, this.options.inputTokens),
      },
      { type: 'message_stop' },
    ];
  }

  private start(): AnthropicStreamEvent[] {
    if (this.started) return [];
    this.started = true;
    return [
      {
        type: 'message_start',
        message: {
          id: this.options.id,
          type: 'message',
          role: 'assistant',
          model: this.options.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: toAnthropicUsage(undefined, this.options.inputTokens),
        },
      },
    ];
  }

  /** Starts a text or thinking block unless one of that kind is open. */
  private openBlock(kind: 'text' | 'thinking'): AnthropicStreamEvent[] {
    const events = this.start();
    if (this.open?.kind === kind) return events;
    events.push(...this.closeBlock());
    const index = this.nextIndex++;
    this.open = kind === 'text' ? { index, kind } : { index, kind, thinking: '' };
    const block: AnthropicContentBlock = kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' };
    events.push({ type: 'content_block_start', index, content_block: block });
    return events;
  }

  private closeBlock(): AnthropicStreamEvent[] {
    const open = this.open;
    if (!open) return [];
    this.open = undefined;
    const events: AnthropicStreamEvent[] = [];
    if (open.kind === 'thinking') events.push({ type: 'content_block_delta', index: open.index, delta: { type: 'signature_delta', signature: thinkingSignatureOf(open.thinking) } });
    events.push({ type: 'content_block_stop', index: open.index });
    return events;
  }

  private delta(delta: AnthropicContentDelta): AnthropicStreamEvent {
    return { type: 'content_block_delta', index: this.open!.index, delta };
  }
}
