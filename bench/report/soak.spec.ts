import { summarizeSoak } from './soak';

const megabyte = 1024 * 1024;

describe('summarizeSoak', () => {
  const totals = { durationSeconds: 40, requests: 100, errors: 0 };

  it('ignores the warm-up quarter and finds no growth in a flat series', () => {
    const readings = Array.from({ length: 40 }, (_, seconds) => ({
      seconds,
      value: (seconds < 10 ? 50 + seconds * 5 : 100 + (seconds % 2)) * megabyte,
    }));
    const figures = summarizeSoak(readings, totals);
    expect(figures.growthMegabytes).toBeLessThanOrEqual(1);
    expect(Math.abs(figures.trendMegabytesPerMinute)).toBeLessThan(3);
    expect(figures.peakResidentMegabytes).toBe(101);
  });

  it('reports a steady leak as growth and trend', () => {
    const readings = Array.from({ length: 40 }, (_, seconds) => ({ seconds, value: (100 + seconds) * megabyte }));
    const figures = summarizeSoak(readings, totals);
    expect(figures.startResidentMegabytes).toBe(111);
    expect(figures.endResidentMegabytes).toBe(138);
    expect(figures.growthMegabytes).toBe(27);
    expect(figures.trendMegabytesPerMinute).toBeCloseTo(60);
  });
});
