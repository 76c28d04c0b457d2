import {
  asRecord,
  jsonTypeOf,
  matchingItems,
  optionalArray,
  optionalInteger,
  optionalNumber,
  optionalString,
  parseJson,
  parseJsonObjectWith,
} from './tolerant-read';

describe('tolerant readers', () => {
  it('read a value of the expected type as it is', () => {
    expect(optionalString('')).toBe('');
    expect(optionalString('text')).toBe('text');
    expect(optionalNumber(0)).toBe(0);
    expect(optionalNumber(-1.5)).toBe(-1.5);
    expect(optionalInteger(42)).toBe(42);
    const items = [1, 'two'];
    expect(optionalArray(items)).toBe(items);
    const object = { a: 1 };
    expect(asRecord(object)).toBe(object);
  });

  it.each([[undefined], [null], [true], [{}], [[]]])('read %j as undefined where a string or a number is expected', (value) => {
    expect(optionalString(value)).toBeUndefined();
    expect(optionalNumber(value)).toBeUndefined();
    expect(optionalInteger(value)).toBeUndefined();
  });

  it('read a number as no string, and a string as no number', () => {
    expect(optionalString(7)).toBeUndefined();
    expect(optionalNumber('7')).toBeUndefined();
    expect(optionalInteger('7')).toBeUndefined();
  });

  it('read infinities and NaN as no number (JSON spells an infinity as 1e999)', () => {
    expect(optionalNumber(JSON.parse('1e999'))).toBeUndefined();
    expect(optionalNumber(-Infinity)).toBeUndefined();
    expect(optionalNumber(Number.NaN)).toBeUndefined();
  });

  it('read fractions and integers beyond the exact range of a double as no integer', () => {
    expect(optionalInteger(1.5)).toBeUndefined();
    expect(optionalInteger(2 ** 53)).toBeUndefined();
    expect(optionalInteger(2 ** 53 - 1)).toBe(2 ** 53 - 1);
    expect(optionalInteger(-3)).toBe(-3);
  });

  it('tell objects from arrays and null', () => {
    expect(asRecord([])).toBeUndefined();
    expect(asRecord(null)).toBeUndefined();
    expect(asRecord('object')).toBeUndefined();
    expect(optionalArray({ length: 1 })).toBeUndefined();
  });
});

describe(matchingItems.name, () => {
  const readName = (item: unknown) => optionalString(asRecord(item)?.name);

  it('keeps the items that read, dropping an odd one without losing its neighbours', () => {
    expect(matchingItems([{ name: 'a' }, 'junk', null, { name: 7 }, { name: 'b' }], readName)).toEqual(['a', 'b']);
  });

  it('gives an empty list when no item reads, and undefined when there is no list', () => {
    expect(matchingItems(['junk'], readName)).toEqual([]);
    expect(matchingItems([], readName)).toEqual([]);
    expect(matchingItems({ name: 'a' }, readName)).toBeUndefined();
    expect(matchingItems(null, readName)).toBeUndefined();
  });

  it('keeps falsy items that did read', () => {
    expect(matchingItems(['', 0, 'x'], (item) => (typeof item === 'string' ? item : undefined))).toEqual(['', 'x']);
  });
});

describe(parseJson.name, () => {
  it('gives the value of JSON text, whatever its type', () => {
    expect(parseJson('[1]')).toEqual({ success: true, value: [1] });
    expect(parseJson('null')).toEqual({ success: true, value: null });
  });

  it('says why text is not JSON instead of throwing', () => {
    expect(parseJson('{')).toEqual({ success: false, reason: expect.stringMatching(/^not JSON \(.+\)$/) });
  });
});

describe(parseJsonObjectWith.name, () => {
  const readId = (object: Record<string, unknown>) => ({ id: optionalString(object.id) });

  it('reads an object with the reader', () => {
    expect(parseJsonObjectWith(readId, '{"id":"a","other":1}')).toEqual({ success: true, value: { id: 'a' } });
    expect(parseJsonObjectWith(readId, '{"id":5}')).toEqual({ success: true, value: { id: undefined } });
  });

  it('tells text that is not JSON from JSON of an unexpected shape', () => {
    expect(parseJsonObjectWith(readId, 'data: x')).toMatchObject({ success: false, reason: expect.stringMatching(/^not JSON/) });
    expect(parseJsonObjectWith(readId, '"[DONE]"')).toEqual({
      success: false,
      reason: 'unexpected shape (Invalid input: expected object, received string)',
    });
    expect(parseJsonObjectWith(readId, '[]')).toMatchObject({ reason: 'unexpected shape (Invalid input: expected object, received array)' });
    expect(parseJsonObjectWith(readId, 'null')).toMatchObject({ reason: 'unexpected shape (Invalid input: expected object, received null)' });
  });

  it('calls an object its reader refuses an unexpected shape', () => {
    expect(parseJsonObjectWith(() => undefined, '{}')).toEqual({ success: false, reason: 'unexpected shape' });
  });
});

describe(jsonTypeOf.name, () => {
  it.each([
    [null, 'null'],
    [[], 'array'],
    [{}, 'object'],
    ['', 'string'],
    [1, 'number'],
    [false, 'boolean'],
  ])('names %j %s', (value, name) => {
    expect(jsonTypeOf(value)).toBe(name);
  });
});
