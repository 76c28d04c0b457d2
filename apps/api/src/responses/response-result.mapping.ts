import type { ChatMessage } from '@qwen-proxy/contracts';
import type { ChatResult } from '@qwen-proxy/providers';
import { qualifiedName, splitCalledName } from './namespace-tools';
import { endStateOf, itemIdOf, type OutputItem, outputText, type ResponseIdentity, type ResponseState } from './response-object';

/** A reduced answer as Responses output: reasoning, then the message, then function calls. */
export function toResponseState(result: ChatResult, identity: ResponseIdentity): ResponseState {
  const output: OutputItem[] = [];
  if (result.reasoning) output.push({ id: itemIdOf(identity, 'rs', output.length), type: 'reasoning', summary: [{ type: 'summary_text', text: result.reasoning }] });
  if (result.text) output.push({ id: itemIdOf(identity, 'msg', output.length), type: 'message', status: 'completed', role: 'assistant', content: [outputText(result.text)] });
  for (const call of result.toolCalls.filter(Boolean)) {
    output.push({ id: itemIdOf(identity, 'fc', output.length), type: 'function_call', status: 'completed', call_id: call.id, ...splitCalledName(call.name, identity.request.tools), arguments: call.arguments });
  }
  return { ...endStateOf(result.finishReason, result.truncated), output, usage: result.usage };
}

/** The assistant turn a response adds to its conversation, as the next request will resend it. */
export function assistantMessageOf(output: readonly OutputItem[]): ChatMessage {
  const text = output
    .filter((item) => item.type === 'message')
    .flatMap((item) => item.content.map((part) => part.text))
    .join('');
  const toolCalls = output
    .filter((item) => item.type === 'function_call')
    .map((item) => ({ id: item.call_id, name: qualifiedName(item.name, item.namespace), arguments: item.arguments }));
  return { role: 'assistant', content: text || (toolCalls.length ? null : ''), ...(toolCalls.length ? { toolCalls } : {}) };
}
