import { ratio, subtractPercentiles } from './overhead';

describe('subtractPercentiles', () => {
  it('subtracts the direct baseline rank by rank', () => {
    expect(subtractPercentiles({ p50: 1.5, p95: 4, p99: 9 }, { p50: 1, p95: 2, p99: 3 })).toEqual({
      p50: 0.5,
      p95: 2,
      p99: 6,
    });
  });

  it('keeps a negative difference as measured noise', () => {
    expect(subtractPercentiles({ p50: 0.9, p95: 2, p99: 3 }, { p50: 1, p95: 2, p99: 3 })?.p50).toBeCloseTo(-0.1);
  });

  it('is undefined without both sides', () => {
    expect(subtractPercentiles(undefined, { p50: 1, p95: 1, p99: 1 })).toBeUndefined();
    expect(subtractPercentiles({ p50: 1, p95: 1, p99: 1 }, undefined)).toBeUndefined();
  });
});

describe('ratio', () => {
  it('divides, refusing a zero or missing baseline', () => {
    expect(ratio(80, 100)).toBe(0.8);
    expect(ratio(80, 0)).toBeUndefined();
    expect(ratio(undefined, 100)).toBeUndefined();
  });
});
