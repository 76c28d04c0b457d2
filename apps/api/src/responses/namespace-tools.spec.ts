import type { ChatEvent } from '@qwen-proxy/contracts';
import type { CreateResponseRequestDto } from './dto/create-response-request.dto';
import { ResponseEventMapper } from './response-event.mapping';
import { assistantMessageOf, toResponseState } from './response-result.mapping';
import { toChatRequest } from './responses-request.mapping';

// The namespace tool as Codex 0.171 sends it (its sub-agent tools), cut to two functions.
const multiAgent = {
  type: 'namespace',
  name: 'multi_agent_v1',
  description: 'Tools for spawning and managing sub-agents.',
  tools: [
    { type: 'function', name: 'close_agent', description: 'Close an agent.', strict: false, parameters: { type: 'object', properties: { target: { type: 'string' } }, required: ['target'] } },
    { type: 'function', name: 'resume_agent', description: 'Resume an agent.', parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } },
  ],
};
const body = {
  model: 'qwen3-coder-plus',
  input: 'Close agent a1',
  tools: [{ type: 'function', name: 'exec_command', parameters: { type: 'object' } }, multiAgent, { type: 'web_search', external_web_access: true }],
} as unknown as CreateResponseRequestDto;
const identity = { id: 'resp_ns', createdAt: 1_772_726_060, request: body };

describe('namespace tools on the Responses surface', () => {
  it('offers the nested functions under qualified names, with the namespace description', () => {
    const request = toChatRequest(body);
    expect(request.tools?.map((tool) => tool.name)).toEqual(['exec_command', 'multi_agent_v1__close_agent', 'multi_agent_v1__resume_agent']);
    expect(request.tools?.[1]).toMatchObject({ description: 'Tools for spawning and managing sub-agents. — Close an agent.', parameters: multiAgent.tools[0]!.parameters });
    expect(request.webSearch).toBe(true);
  });

  it('answers a call of a namespaced function with name and namespace apart, streamed and whole', () => {
    const mapper = new ResponseEventMapper(identity);
    const events: ChatEvent[] = [
      { type: 'response-start', model: 'qwen3-coder-plus', provider: 'qwen-web' },
      { type: 'tool-call-start', index: 0, id: 'call_1', name: 'multi_agent_v1__close_agent' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"target":"a1"}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'finish', reason: 'tool-calls', truncated: false },
    ];
    const streamed = [...events.flatMap((event) => mapper.map(event)), ...mapper.end()];
    const added = streamed.find((event) => event.type === 'response.output_item.added')!;
    expect(added['item']).toMatchObject({ type: 'function_call', name: 'close_agent', namespace: 'multi_agent_v1', call_id: 'call_1' });
    const whole = toResponseState({ text: '', reasoning: '', toolCalls: [{ id: 'call_1', name: 'multi_agent_v1__close_agent', arguments: '{}' }], finishReason: 'tool-calls', truncated: false } as never, identity);
    expect(whole.output[0]).toMatchObject({ name: 'close_agent', namespace: 'multi_agent_v1' });
    // Stored for previous_response_id under the name the model knows it by.
    expect(assistantMessageOf(whole.output).toolCalls).toEqual([{ id: 'call_1', name: 'multi_agent_v1__close_agent', arguments: '{}' }]);
  });

  it('leaves an unknown prefix alone, and rejoins a namespaced call in the input history', () => {
    const mapper = new ResponseEventMapper(identity);
    const added = mapper.map({ type: 'tool-call-start', index: 0, id: 'call_2', name: 'multi_agent_v1__unknown' }).find((event) => event.type === 'response.output_item.added');
    expect(added?.['item']).toMatchObject({ name: 'multi_agent_v1__unknown' });
    expect((added?.['item'] as Record<string, unknown>)['namespace']).toBeUndefined();
    const request = toChatRequest({
      ...body,
      input: [
        { role: 'user', content: 'Close a1' },
        { type: 'function_call', call_id: 'call_1', name: 'close_agent', namespace: 'multi_agent_v1', arguments: '{"target":"a1"}' },
        { type: 'function_call_output', call_id: 'call_1', output: 'closed' },
      ],
    } as unknown as CreateResponseRequestDto);
    expect(request.messages[1]!.toolCalls).toEqual([{ id: 'call_1', name: 'multi_agent_v1__close_agent', arguments: '{"target":"a1"}' }]);
  });
});
