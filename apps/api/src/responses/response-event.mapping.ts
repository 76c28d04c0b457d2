import type { ChatEvent, FinishReason, GatewayError, TokenUsage } from '@qwen-proxy/contracts';
import { endStateOf, itemIdOf, type OutputItem, outputText, type ResponseIdentity, type ResponseState, toResponseObject } from './response-object';
import { splitCalledName } from './namespace-tools';

/** One Responses stream event: its `type`, its fields, and the `sequence_number` added on the way out. */
export type ResponseStreamEvent = { type: string; sequence_number: number } & Record<string, unknown>;

type OpenItem =
  | { kind: 'reasoning'; outputIndex: number; text: string }
  | { kind: 'message'; outputIndex: number; text: string }
  | { kind: 'function_call'; outputIndex: number; toolIndex: number };

/**
 * ChatEvents to Responses stream events, pure and per stream: `response.created` and
 * `response.in_progress`, then one output item at a time (reasoning with its summary part,
 * a message with its `output_text` part, function calls with their arguments), each from
 * `output_item.added` to `output_item.done`, then `response.completed` (or `.incomplete`) with
 * the whole response. Every event carries the next `sequence_number`.
 */
export class ResponseEventMapper {
  private sequenceNumber = 0;
  private started = false;
  private open?: OpenItem;
  private readonly output: OutputItem[] = [];
  private readonly toolItems = new Map<number, number>();
  private usage?: TokenUsage;
  private finish?: { reason: FinishReason; truncated: boolean };

  constructor(private readonly identity: ResponseIdentity) {}

  map(event: ChatEvent): ResponseStreamEvent[] {
    switch (event.type) {
      case 'response-start':
        return this.start();
      case 'reasoning-delta': {
        if (!event.text) return [];
        const events = this.openItem('reasoning');
        const open = this.open as Extract<OpenItem, { kind: 'reasoning' }>;
        open.text += event.text;
        events.push(this.emit('response.reasoning_summary_text.delta', { ...this.itemAddress(open), summary_index: 0, delta: event.text }));
        return events;
      }
      case 'text-delta': {
        if (!event.text) return [];
        const events = this.openItem('message');
        const open = this.open as Extract<OpenItem, { kind: 'message' }>;
        open.text += event.text;
        events.push(this.emit('response.output_text.delta', { ...this.itemAddress(open), content_index: 0, delta: event.text, logprobs: [] }));
        return events;
      }
      case 'tool-call-start': {
        const events = [...this.start(), ...this.closeItem()];
        const outputIndex = this.output.length;
        const item: OutputItem = { id: itemIdOf(this.identity, 'fc', outputIndex), type: 'function_call', status: 'in_progress', call_id: event.id, ...splitCalledName(event.name, this.identity.request.tools), arguments: '' };
        this.output.push(item);
        this.open = { kind: 'function_call', outputIndex, toolIndex: event.index };
        this.toolItems.set(event.index, outputIndex);
        events.push(this.emit('response.output_item.added', { output_index: outputIndex, item: { ...item } }));
        return events;
      }
      case 'tool-call-delta': {
        const outputIndex = this.toolItems.get(event.index);
        if (outputIndex === undefined || !event.argumentsDelta) return [];
        const item = this.output[outputIndex] as Extract<OutputItem, { type: 'function_call' }>;
        item.arguments += event.argumentsDelta;
        return [this.emit('response.function_call_arguments.delta', { item_id: item.id, output_index: outputIndex, delta: event.argumentsDelta })];
      }
      case 'tool-call-end':
        return this.open?.kind === 'function_call' && this.open.toolIndex === event.index ? this.closeItem() : [];
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
  end(): ResponseStreamEvent[] {
    const events = [...this.start(), ...this.closeItem()];
    for (const item of this.output) if (item.type === 'function_call') item.status = 'completed';
    const state = { ...endStateOf(this.finish?.reason, this.finish?.truncated ?? false), output: this.output, usage: this.usage };
    events.push(this.emit(state.status === 'completed' ? 'response.completed' : 'response.incomplete', { response: toResponseObject(this.identity, state) }));
    return events;
  }

  /** `response.failed` with the error, then an `error` event, for a failure after the stream began. */
  fail(error: GatewayError): ResponseStreamEvent[] {
    const events = this.start();
    events.push(this.emit('response.failed', { response: toResponseObject(this.identity, { status: 'failed', output: this.output, usage: this.usage, error }) }));
    // `error` beside the documented fields: the openai SDKs raise an APIError for data with an `error` object.
    const details = { code: error.code, message: error.message, param: error.param ?? null };
    events.push(this.emit('error', { ...details, error: { type: error.status >= 500 ? 'server_error' : 'invalid_request_error', ...details } }));
    return events;
  }

  /** The response as it stands, for storing once the stream has ended. */
  snapshot(): ResponseState {
    return { ...endStateOf(this.finish?.reason, this.finish?.truncated ?? false), output: this.output, usage: this.usage };
  }

  private start(): ResponseStreamEvent[] {
    if (this.started) return [];
    this.started = true;
    const response = toResponseObject(this.identity, { status: 'in_progress', output: [] });
    return [this.emit('response.created', { response }), this.emit('response.in_progress', { response })];
  }

  /** Starts a reasoning or message item unless one of that kind is open. */
  private openItem(kind: 'reasoning' | 'message'): ResponseStreamEvent[] {
    const events = this.start();
    if (this.open?.kind === kind) return events;
    events.push(...this.closeItem());
    const outputIndex = this.output.length;
    if (kind === 'reasoning') {
      const item: OutputItem = { id: itemIdOf(this.identity, 'rs', outputIndex), type: 'reasoning', summary: [] };
      this.output.push(item);
      this.open = { kind, outputIndex, text: '' };
      events.push(this.emit('response.output_item.added', { output_index: outputIndex, item: { ...item, summary: [] } }));
      events.push(this.emit('response.reasoning_summary_part.added', { item_id: item.id, output_index: outputIndex, summary_index: 0, part: { type: 'summary_text', text: '' } }));
    } else {
      const item: OutputItem = { id: itemIdOf(this.identity, 'msg', outputIndex), type: 'message', status: 'in_progress', role: 'assistant', content: [] };
      this.output.push(item);
      this.open = { kind, outputIndex, text: '' };
      events.push(this.emit('response.output_item.added', { output_index: outputIndex, item: { ...item, content: [] } }));
      events.push(this.emit('response.content_part.added', { item_id: item.id, output_index: outputIndex, content_index: 0, part: outputText('') }));
    }
    return events;
  }

  private closeItem(): ResponseStreamEvent[] {
    const open = this.open;
    if (!open) return [];
    this.open = undefined;
    const address = this.itemAddress(open);
    const item = this.output[open.outputIndex]!;
    switch (open.kind) {
      case 'reasoning': {
        const part = { type: 'summary_text' as const, text: open.text };
        (item as Extract<OutputItem, { type: 'reasoning' }>).summary = [part];
        return [
          this.emit('response.reasoning_summary_text.done', { ...address, summary_index: 0, text: open.text }),
          this.emit('response.reasoning_summary_part.done', { ...address, summary_index: 0, part }),
          this.emit('response.output_item.done', { output_index: open.outputIndex, item: structuredClone(item) }),
        ];
      }
      case 'message': {
        const message = item as Extract<OutputItem, { type: 'message' }>;
        message.status = 'completed';
        message.content = [outputText(open.text)];
        return [
          this.emit('response.output_text.done', { ...address, content_index: 0, text: open.text, logprobs: [] }),
          this.emit('response.content_part.done', { ...address, content_index: 0, part: outputText(open.text) }),
          this.emit('response.output_item.done', { output_index: open.outputIndex, item: structuredClone(item) }),
        ];
      }
      case 'function_call': {
        const call = item as Extract<OutputItem, { type: 'function_call' }>;
        call.status = 'completed';
        return [
          this.emit('response.function_call_arguments.done', { ...address, name: call.name, arguments: call.arguments }),
          this.emit('response.output_item.done', { output_index: open.outputIndex, item: structuredClone(item) }),
        ];
      }
    }
  }

  private itemAddress(open: OpenItem): { item_id: string; output_index: number } {
    return { item_id: this.output[open.outputIndex]!.id, output_index: open.outputIndex };
  }

  private emit(type: string, fields: Record<string, unknown>): ResponseStreamEvent {
    return { type, sequence_number: this.sequenceNumber++, ...fields };
  }
}
