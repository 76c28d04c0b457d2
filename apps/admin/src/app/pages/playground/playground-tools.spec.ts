import { exampleTools, parseTools } from './playground-tools';

describe(parseTools.name, () => {
  it('accepts OpenAI tools and explains what is wrong otherwise', () => {
    expect(parseTools(JSON.stringify(exampleTools))).toEqual(exampleTools);
    expect(parseTools('  ')).toEqual([]);
    expect(() => parseTools('{')).toThrow('not valid JSON');
    expect(() => parseTools('{}')).toThrow('JSON array');
    expect(() => parseTools('[{"type":"function"}]')).toThrow('function.name');
  });
});
