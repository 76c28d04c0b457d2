import { percentile, sortedAscending, summarizePercentiles } from './percentile';

describe('percentile (nearest rank)', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, index) => index + 1);

  it('returns the sample at rank ceil(p/100 × n)', () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 95)).toBe(95);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40], 51)).toBe(30);
  });

  it('never interpolates: every answer is an observed sample', () => {
    expect(percentile([1, 1000], 50)).toBe(1);
    expect(percentile([1, 1000], 99)).toBe(1000);
  });

  it('handles the edges', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3], 0)).toBe(1);
    expect(percentile([1, 2, 3], 100)).toBe(3);
  });

  it('sorts numerically, not as strings', () => {
    expect(sortedAscending([10, 9, 100, 1])).toEqual([1, 9, 10, 100]);
  });

  it('summarizes unsorted samples', () => {
    const shuffled = [...oneToHundred].reverse();
    expect(summarizePercentiles(shuffled)).toEqual({ p50: 50, p95: 95, p99: 99 });
    expect(summarizePercentiles([])).toBeUndefined();
  });
});
