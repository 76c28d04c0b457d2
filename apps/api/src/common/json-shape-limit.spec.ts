import { measureJsonShape } from './json-shape-limit';

describe(measureJsonShape.name, () => {
  const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;
  const roomy = { maxKeys: 1_000_000, maxDepth: 128 };

  it('counts object and array levels, and leaves scalars alone', () => {
    expect(measureJsonShape('text', { maxKeys: 1, maxDepth: 0 })).toBeUndefined();
    expect(measureJsonShape({ a: 1 }, { ...roomy, maxDepth: 1 })).toBeUndefined();
    expect(measureJsonShape({ a: { b: [1] } }, { ...roomy, maxDepth: 3 })).toBeUndefined();
    expect(measureJsonShape({ a: { b: [1] } }, { ...roomy, maxDepth: 2 })).toEqual({ limit: 'depth' });
    expect(measureJsonShape(nested(128), roomy)).toBeUndefined();
    expect(measureJsonShape(nested(129), roomy)).toEqual({ limit: 'depth' });
  });

  it('measures hostile depths without overflowing the stack', () => {
    expect(measureJsonShape(nested(100_000), roomy)).toEqual({ limit: 'depth' });
  });

  it('counts keys and array items over the whole body, nested ones included', () => {
    const body = { model: 'm', messages: [{ role: 'user', content: 'hi' }], extra: { a: 1, b: [1, 2, 3] } };
    // 3 top-level keys, 1 message, 2 message keys, 2 extra keys, 3 items.
    expect(measureJsonShape(body, { maxKeys: 11, maxDepth: 10 })).toBeUndefined();
    expect(measureJsonShape(body, { maxKeys: 10, maxDepth: 10 })).toEqual({ limit: 'keys' });
  });

  it('stops at the budget instead of walking a huge object', () => {
    const huge: Record<string, number> = {};
    for (let index = 0; index < 300_000; index++) huge[`k${index}`] = index;
    expect(measureJsonShape({ model: 'm', extra: huge }, { maxKeys: 200_000, maxDepth: 128 })).toEqual({ limit: 'keys' });
  });
});
