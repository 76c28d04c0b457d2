import type OpenAI from 'openai';
import { acceptedCompletions, sentContent, startTestStack, type TestStack } from './support/test-stack';

/*
 * Qwen answers completion bodies near 128 KiB with a captcha (audit B4). Agents (Claude Code,
 * Codex, Cline) routinely send 100–300 KB: the proxy keeps the new turn inline and sends the
 * folded context as an uploaded, parsed document, and never parks an account for that captcha.
 */

type Message = OpenAI.Chat.Completions.ChatCompletionMessageParam;

function agentRequest(): { messages: Message[]; tools: OpenAI.Chat.Completions.ChatCompletionTool[] } {
  const systemPrompt = Array.from({ length: 2200 }, (_, index) => `Rule ${index}: keep edits small, run the tests, explain each change.`).join('\n');
  const tools = Array.from({ length: 40 }, (_, index) => ({
    type: 'function' as const,
    function: {
      name: `tool_${index}`,
      description: `Tool number ${index}. ${'It reads and writes files of the workspace carefully. '.repeat(12)}`,
      parameters: { type: 'object', properties: { path: { type: 'string', description: 'A path in the workspace.' } }, required: ['path'] },
    },
  }));
  const history: Message[] = [];
  for (let turn = 0; turn < 12; turn++) {
    history.push({ role: 'user', content: `Step ${turn}: look at src/module-${turn}.ts` });
    history.push({ role: 'assistant', content: null, tool_calls: [{ id: `call_${turn}`, type: 'function', function: { name: 'tool_1', arguments: `{"path":"src/module-${turn}.ts"}` } }] });
    history.push({ role: 'tool', tool_call_id: `call_${turn}`, content: `export const value${turn} = ${turn};\n`.repeat(150) });
    history.push({ role: 'assistant', content: `Module ${turn} looks fine.` });
  }
  return { messages: [{ role: 'system', content: systemPrompt }, ...history, { role: 'user', content: 'Now summarise what you found in one sentence.' }], tools };
}

async function accountStatus(stack: TestStack): Promise<string> {
  const response = await stack.control('/api/credentials');
  return ((await response.json()) as { status: string }[])[0]!.status;
}

describe('a ~250 KB agent request (B4)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  it('succeeds: the context goes as a parsed document, the body stays under the cliff', async () => {
    const request = agentRequest();
    const requestBytes = Buffer.byteLength(JSON.stringify(request));
    expect(requestBytes).toBeGreaterThan(230_000);
    expect(requestBytes).toBeLessThan(300_000);

    stack.fake.script({ kind: 'answer', text: 'All twelve modules look fine.' });
    const answer = await stack.openai.chat.completions.create({ model: 'qwen3-max', ...request });
    expect(answer.choices[0]!.message.content).toBe('All twelve modules look fine.');

    const [completion] = acceptedCompletions(stack.fake);
    const bodyBytes = Buffer.byteLength(JSON.stringify(completion!.body));
    expect(bodyBytes).toBeLessThanOrEqual(100 * 1024);
    expect(sentContent(completion!)).toContain('Now summarise what you found in one sentence.');
    expect(sentContent(completion!)).toContain('conversation-context.txt');
    const files = (completion!.body as { messages: { files: { name: string; file_class: string }[] }[] }).messages[0]!.files;
    expect(files).toEqual([expect.objectContaining({ name: 'conversation-context.txt', file_class: 'document' })]);
    const [upload] = [...stack.fake.uploads.values()];
    expect(upload!.parsed).toBe(true);
    expect(upload!.bytes!.toString('utf8')).toContain('Rule 2199: keep edits small');
    expect(upload!.bytes!.toString('utf8')).toContain('Module 11 looks fine.');
    expect(stack.fake.requests.some((entry) => entry.outcome.status === 'rejected')).toBe(false);
  });
});

describe('a captcha after an oversized body (B4)', () => {
  it('answers 413 in the surface shape and leaves the account valid', async () => {
    // An operator who raised the inline limit over the cliff: the fake answers the captcha.
    const stack = await startTestStack({ environment: { QWEN_MAX_INLINE_BODY_BYTES: String(400 * 1024) } });
    try {
      const response = await stack.proxy('/v1/chat/completions', {
        method: 'POST',
        body: JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'user', content: 'x'.repeat(150 * 1024) }] }),
      });
      expect(response.status).toBe(413);
      const body = (await response.json()) as { error: { code: string; type: string; message: string } };
      expect(body.error).toMatchObject({ code: 'qwen_body_too_large', type: 'invalid_request_error' });
      expect(stack.fake.requests.filter((entry) => entry.path === '/api/v2/chat/completions')).toHaveLength(1);
      expect(await accountStatus(stack)).toBe('valid');
    } finally {
      await stack.close();
    }
  });
});
