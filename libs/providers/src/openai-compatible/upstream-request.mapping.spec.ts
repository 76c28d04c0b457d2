import type { ChatRequest } from '@qwen-proxy/contracts';
import { upstreamBodyOf } from './upstream-request.mapping';

const clientBody = {
  model: 'my-alias',
  messages: [{ role: 'user', content: 'Hi' }],
  stream: true,
  stream_options: { include_usage: false, include_obfuscation: false },
  temperature: 0.3,
  n: 2,
  logprobs: true,
  top_logprobs: 3,
  seed: 7,
  response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } },
  tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
  tool_choice: 'required',
  parallel_tool_calls: false,
  enable_thinking: true,
  user: 'someone',
};

function requestOf(stream: boolean, original: Record<string, unknown> = clientBody): ChatRequest {
  return { model: 'my-alias', stream, messages: [{ role: 'user', content: 'neutral' }], original };
}

describe(upstreamBodyOf.name, () => {
  it('passes the client body through, with the upstream model and usage asked for when streaming', () => {
    expect(upstreamBodyOf(requestOf(true), 'openai/gpt-4o-mini')).toEqual({
      ...clientBody,
      model: 'openai/gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true, include_obfuscation: false },
    });
  });

  it('sends a non-streaming request non-streaming, without stream_options', () => {
    const body = upstreamBodyOf(requestOf(false), 'llama3');
    expect(body['stream']).toBe(false);
    expect(body).not.toHaveProperty('stream_options');
    expect(body['response_format']).toEqual(clientBody.response_format);
  });

  it('follows the caller about streaming, whatever the client body says', () => {
    const body = upstreamBodyOf(requestOf(true, { ...clientBody, stream: false, stream_options: null }), 'm');
    expect(body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('never modifies the client body', () => {
    const original = structuredClone(clientBody);
    upstreamBodyOf(requestOf(false, original), 'other');
    upstreamBodyOf(requestOf(true, original), 'other');
    expect(original).toEqual(clientBody);
  });

  it('builds the body from the neutral fields when there is no Chat Completions original', () => {
    for (const original of [undefined, { model: 'x', input: 'a Responses API request' }]) {
      const request: ChatRequest = { model: 'my-alias', stream: true, messages: [{ role: 'user', content: 'neutral' }], original };
      expect(upstreamBodyOf(request, 'm')).toEqual({
        model: 'm',
        messages: [{ role: 'user', content: 'neutral' }],
        stream: true,
        stream_options: { include_usage: true },
      });
    }
  });
});
