import { depthExceeds } from './json-depth-limit';

describe(depthExceeds.name, () => {
  const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;

  it('counts object and array levels, and leaves scalars alone', () => {
    expect(depthExceeds('text', 0)).toBe(false);
    expect(depthExceeds({ a: 1 }, 1)).toBe(false);
    expect(depthExceeds({ a: { b: [1] } }, 3)).toBe(false);
    expect(depthExceeds({ a: { b: [1] } }, 2)).toBe(true);
    expect(depthExceeds(nested(128), 128)).toBe(false);
    expect(depthExceeds(nested(129), 128)).toBe(true);
  });

  it('measures hostile depths without overflowing the stack', () => {
    expect(depthExceeds(nested(100_000), 128)).toBe(true);
  });
});
