import { lastValueFrom, type Observable, reduce } from 'rxjs';
import type { ChatEvent, FinishReason, GatewayError, SourceReference, TokenUsage } from '@qwen-proxy/contracts';

export interface ReducedToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** A whole answer, folded from its event stream. */
export interface ChatResult {
  upstreamId?: string;
  model?: string;
  provider?: string;
  account?: string;
  sessionId?: string;
  text: string;
  reasoning: string;
  toolCalls: ReducedToolCall[];
  sources: SourceReference[];
  usage?: TokenUsage;
  finishReason?: FinishReason;
  truncated: boolean;
  error?: GatewayError;
}

export function emptyChatResult(): ChatResult {
  return { text: '', reasoning: '', toolCalls: [], sources: [], truncated: false };
}

/** Folds one event into the result (mutates and returns it: this runs once per chunk). */
export function applyChatEvent(result: ChatResult, event: ChatEvent): ChatResult {
  switch (event.type) {
    case 'response-start':
      result.upstreamId = event.upstreamId;
      result.model = event.model;
      result.provider = event.provider;
      result.account = event.account;
      result.sessionId = event.sessionId;
      break;
    case 'text-delta':
      result.text += event.text;
      break;
    case 'reasoning-delta':
      result.reasoning += event.text;
      break;
    case 'tool-call-start':
      result.toolCalls[event.index] = { id: event.id, name: event.name, arguments: '' };
      break;
    case 'tool-call-delta': {
      const call = result.toolCalls[event.index];
      if (call) call.arguments += event.argumentsDelta;
      break;
    }
    case 'tool-call-end':
      break;
    case 'source':
      result.sources.push(event.source);
      break;
    case 'usage':
      result.usage = event.usage;
      break;
    case 'finish':
      result.finishReason = event.reason;
      result.truncated = event.truncated;
      break;
    case 'error':
      result.error = event.error;
      break;
  }
  return result;
}

/** The non-streaming answer: the same stream as streaming, reduced. */
export function reduceChatEvents(events: Observable<ChatEvent>): Promise<ChatResult> {
  return lastValueFrom(events.pipe(reduce(applyChatEvent, emptyChatResult())), { defaultValue: emptyChatResult() });
}
