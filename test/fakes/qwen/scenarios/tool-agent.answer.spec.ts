import { renderToolsSection } from '../../../../libs/providers/src/qwen-web/tool-prompt';
import { declaredTools, toolAgentAnswer } from './tool-agent.answer';

const claudeWrite = {
  name: 'Write',
  description: 'Writes a file.\n- Use absolute paths: always.\n- Overwrites.',
  parameters: { type: 'object', properties: { file_path: { type: 'string' }, content: { type: 'string' } }, required: ['file_path', 'content'] },
};
const read = { name: 'Read', description: 'Reads a file.', parameters: { type: 'object', properties: { file_path: { type: 'string' } }, required: ['file_path'] } };
const shell = { name: 'shell', parameters: { type: 'object', properties: { command: { type: 'array', items: { type: 'string' } }, workdir: { type: 'string' } }, required: ['command'] } };
const patch = { name: 'apply_patch', parameters: { type: 'object', properties: { input: { type: 'string' } }, required: ['input'] } };
const task = 'Create the file /tmp/work/hello.txt with the content "Hello there"';

function prompt(tools: Parameters<typeof renderToolsSection>[0], current: string): string {
  return `[Instructions]\nYou are an agent.\n\n${renderToolsSection(tools, 'auto')}\n\n[Current message]\n${current}`;
}

function callOf(text: string): { name: string; arguments: Record<string, unknown> } {
  const match = /```tool_call\n(.*)\n```/.exec(text);
  if (!match) throw new Error(`no call in ${text}`);
  return JSON.parse(match[1]!) as { name: string; arguments: Record<string, unknown> };
}

const answer = (content: string, enabled = true, earlierContents: string[] = []) => {
  const scripted = toolAgentAnswer({ content, enabled, earlierContents });
  return scripted?.kind === 'answer' ? scripted.text! : undefined;
};

describe('the scripted tool-using model', () => {
  it('reads names and schemas from the [Tools] section the product writes, descriptions with list items included', () => {
    expect(declaredTools(prompt([read, claudeWrite], 'x')).map((tool) => tool.name)).toEqual(['Read', 'Write']);
    expect(declaredTools(prompt([read, claudeWrite], 'x'))[1]!.schema.required).toEqual(['file_path', 'content']);
  });

  it("picks the client's file-writing tool by its schema, then a patch tool, then a shell", () => {
    expect(callOf(answer(prompt([read, claudeWrite, shell], task))!)).toEqual({ name: 'Write', arguments: { file_path: '/tmp/work/hello.txt', content: 'Hello there' } });
    expect(callOf(answer(prompt([shell, patch], task))!).arguments['input']).toBe('*** Begin Patch\n*** Add File: /tmp/work/hello.txt\n+Hello there\n*** End Patch\n');
    expect(callOf(answer(prompt([read, shell], task))!).arguments['command']).toEqual(['bash', '-lc', "printf '%s\\n' 'Hello there' > '/tmp/work/hello.txt'"]);
    expect(answer(prompt([read], task))).toContain('no tool offered here writes files');
    // As `opencode run` passes the prompt on: JSON-quoted.
    expect(callOf(answer(prompt([claudeWrite], JSON.stringify(task)))!).arguments['content']).toBe('Hello there');
  });

  it('answers in words once the tool result is in the current message', () => {
    const results = '[Tool result of Write {"file_path":"/tmp/work/hello.txt"}, call call_1]\nFile created.\n\nUse these results to continue: answer, or call more tools if you still need them.';
    expect(answer(prompt([claudeWrite], results))).toBe('Done. The tool answered: File created.');
  });

  it('answers plainly without a task, and stays out of the way unless enabled or asked with [[tool-call]]', () => {
    expect(answer(prompt([claudeWrite], 'Reply with exactly: PONG-7'))).toBe('PONG-7');
    expect(answer('Hello', false)).toBeUndefined();
    const weather = { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' }, unit: { enum: ['c', 'f'] } }, required: ['city', 'unit'] } };
    expect(callOf(answer(prompt([weather], 'Weather? [[tool-call]]'), false)!)).toEqual({ name: 'get_weather', arguments: { city: 'example', unit: 'c' } });
    // The next turn (the result) is answered too: the magic word was in this chat's earlier message.
    expect(answer('[Tool result of get_weather {}, call call_2]\nSunny', false, ['Weather? [[tool-call]]'])).toBe('Done. The tool answered: Sunny');
  });
});
