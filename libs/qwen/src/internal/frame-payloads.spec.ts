import { framesOf } from './frame-payloads';

describe(framesOf.name, () => {
  it('parses Python-style JSON with spaces and trailing blanks', () => {
    expect(framesOf('{"choices": [{"delta": {"content": "hi"}}], "usage": null}   ')).toEqual([
      { choices: [{ delta: { content: 'hi' } }], usage: null },
    ]);
  });

  it('splits documents that arrived as one event for want of blank lines', () => {
    expect(framesOf('{"a": 1}\n{"b": 2}')).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('keeps text that is not JSON as it is, for the state to skip', () => {
    expect(framesOf('[DONE]')).toEqual(['[DONE]']);
    expect(framesOf('{"a": 1}\nnot json')).toEqual(['{"a": 1}\nnot json']);
  });

  it('gives nothing for an empty payload', () => {
    expect(framesOf('  ')).toEqual([]);
  });
});
