import { leastSquaresSlope, median } from './linear-trend';

describe('leastSquaresSlope', () => {
  it('finds the slope of a straight line', () => {
    const points = [0, 1, 2, 3].map((seconds) => ({ seconds, value: 100 + 2 * seconds }));
    expect(leastSquaresSlope(points)).toBeCloseTo(2);
  });

  it('is flat for noise around a constant', () => {
    const points = [100, 102, 98, 100, 102, 98].map((value, seconds) => ({ seconds, value }));
    expect(Math.abs(leastSquaresSlope(points) as number)).toBeLessThan(0.5);
  });

  it('is undefined without two distinct instants', () => {
    expect(leastSquaresSlope([{ seconds: 1, value: 1 }])).toBeUndefined();
    expect(leastSquaresSlope([{ seconds: 1, value: 1 }, { seconds: 1, value: 2 }])).toBeUndefined();
  });
});

describe('median', () => {
  it('takes the middle, or the mean of the two middles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});
