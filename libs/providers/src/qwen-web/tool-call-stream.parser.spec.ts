import { type ParsedAnswerPart, ToolCallStreamParser } from './tool-call-stream.parser';

/** Feeds `pieces` and merges adjacent text parts, so differently split streams compare equal. */
function parse(pieces: readonly string[]): ParsedAnswerPart[] {
  const sut = new ToolCallStreamParser();
  const parts = [...pieces.flatMap((piece) => sut.push(piece)), ...sut.end()];
  return parts.reduce<ParsedAnswerPart[]>((merged, part) => {
    const previous = merged.at(-1);
    if (part.type === 'text' && previous?.type === 'text') previous.text += part.text;
    else merged.push({ ...part });
    return merged;
  }, []);
}

/** Every way of cutting `text` in two, and one character at a time. */
function splits(text: string): string[][] {
  const cuts = Array.from({ length: text.length + 1 }, (_, index) => [text.slice(0, index), text.slice(index)]);
  return [...cuts, [...text]];
}

const call = '```tool_call\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n```';

describe(ToolCallStreamParser.name, () => {
  it('passes plain text through untouched', () => {
    expect(parse(['Hello ', 'world.'])).toEqual([{ type: 'text', text: 'Hello world.' }]);
  });

  it('reads text, then a call, at every split position', () => {
    const answer = `Let me check.\n\n${call}\n`;
    for (const pieces of splits(answer)) {
      expect(parse(pieces)).toEqual([
        { type: 'text', text: 'Let me check.' },
        { type: 'call', body: '{"name": "get_weather", "arguments": {"city": "Paris"}}', complete: true },
      ]);
    }
  });

  it('reads several calls with text around them, at every split position', () => {
    const answer = `${call}\n${call.replace('Paris', 'Rome')}\nBoth asked.`;
    for (const pieces of splits(answer)) {
      const parts = parse(pieces);
      expect(parts.map((part) => part.type)).toEqual(['call', 'call', 'text']);
      expect(parts[1]).toMatchObject({ body: expect.stringContaining('Rome') });
      expect(parts[2]).toEqual({ type: 'text', text: 'Both asked.' });
    }
  });

  it('streams text live, holding back only what could open a call', () => {
    const sut = new ToolCallStreamParser();
    expect(sut.push('Sure, ')).toEqual([{ type: 'text', text: 'Sure,' }]);
    expect(sut.push('here:\n``')).toEqual([{ type: 'text', text: ' here:' }]);
    expect(sut.push('`tool')).toEqual([]);
    expect(sut.push('_call\n{"name":"a"}\n```')).toEqual([{ type: 'call', body: '{"name":"a"}', complete: true }]);
  });

  it('lets go of a held line as soon as it cannot open a call', () => {
    const sut = new ToolCallStreamParser();
    expect(sut.push('```')).toEqual([]);
    expect(sut.push('python\nprint(1)\n```')).toEqual([{ type: 'text', text: '```python\nprint(1)' }]);
    // A closing fence could still be the start of a call until its line ends.
    expect(sut.push('\nDone.')).toEqual([{ type: 'text', text: '\n```\nDone.' }]);
  });

  it('never takes HTML, XML or other code fences for a call', () => {
    const answer = '<div class="tool_call">x</div>\n<tool_call>{"name":"a"}</tool_call>\n```json\n{"name":"a","arguments":{}}\n```\nInline ```tool_call is prose.';
    for (const pieces of splits(answer)) expect(parse(pieces)).toEqual([{ type: 'text', text: answer }]);
  });

  it('reports a block the answer never closed', () => {
    expect(parse(['```tool_call\n{"name": "a", '])).toEqual([{ type: 'call', body: '{"name": "a", ', complete: false }]);
  });

  it('gives back an opener left alone on the last line as text', () => {
    expect(parse(['Look: ```tool_', '\n```tool_call'])).toEqual([{ type: 'text', text: 'Look: ```tool_\n```tool_call' }]);
  });

  it('accepts CRLF line ends and spaces after the opener', () => {
    expect(parse(['```tool_call  \r\n{"name":"a"}\r\n```\r\n'])).toEqual([{ type: 'call', body: '{"name":"a"}', complete: true }]);
  });
});
