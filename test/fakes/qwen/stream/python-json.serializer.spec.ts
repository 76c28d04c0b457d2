import { toPythonJson } from './python-json.serializer';

describe(toPythonJson.name, () => {
  it('puts a space after every colon and comma, like json.dumps', () => {
    expect(toPythonJson({ a: 1, b: [true, null, 'x'], c: {} })).toBe('{"a": 1, "b": [true, null, "x"], "c": {}}');
  });

  it('keeps non-ASCII text as raw characters and escapes what JSON requires', () => {
    expect(toPythonJson({ text: 'héllo 世界 🎉\n"q"' })).toBe('{"text": "héllo 世界 🎉\\n\\"q\\""}');
  });

  it('leaves out undefined members and writes empty containers compactly', () => {
    expect(toPythonJson({ kept: [], dropped: undefined })).toBe('{"kept": []}');
  });

  it('produces text that JSON.parse reads back to the same value', () => {
    const value = { choices: [{ delta: { content: 'a, b: c', status: 'typing' } }], usage: { input_tokens: 3 } };
    expect(JSON.parse(toPythonJson(value))).toEqual(value);
  });
});
