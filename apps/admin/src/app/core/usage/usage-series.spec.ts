import type { UsageBucket } from '../api/api-types';
import { bucketStarts, presetRange, requestsAndErrors, seriesBy } from './usage-series';

const day = 86_400_000;
const from = new Date(2026, 10, 20, 12).getTime();
const to = from + 3 * day;
const at = (offsetDays: number) => new Date(2026, 10, 20 + offsetDays, 13).getTime();
const bucket = (offsetDays: number, model: string, totalTokens: number, errors = 0): UsageBucket => ({
  start: at(offsetDays),
  model,
  provider: model.startsWith('qwen') ? 'qwen-web' : 'lmstudio',
  requests: 1,
  errors,
  promptTokens: 0,
  completionTokens: totalTokens,
  totalTokens,
});

describe('usage series', () => {
  it('has one start per local day, quiet days included', () => {
    expect(bucketStarts(from, to, 'day')).toHaveLength(4);
    expect(bucketStarts(from, from + 5 * 3_600_000, 'hour')).toHaveLength(5);
  });

  it('sums tokens per model per day, biggest series first, zero-filled', () => {
    const data = seriesBy([bucket(0, 'qwen3-max', 10), bucket(2, 'qwen3-max', 5), bucket(2, 'llama', 30)], from, to, 'day', (item) => item.model, (item) => item.totalTokens);
    expect(data.series).toEqual([
      { label: 'llama', values: [0, 0, 30, 0] },
      { label: 'qwen3-max', values: [10, 0, 5, 0] },
    ]);
  });

  it('folds series past the limit into "others"', () => {
    const data = seriesBy([bucket(0, 'a', 3), bucket(0, 'b', 2), bucket(0, 'c', 1)], from, to, 'day', (item) => item.model, (item) => item.totalTokens, 1);
    expect(data.series.map((series) => series.label)).toEqual(['a', '2 others']);
    expect(data.series[1].values[0]).toBe(3);
  });

  it('counts requests and errors', () => {
    const data = requestsAndErrors([bucket(1, 'qwen3-max', 1, 1), bucket(1, 'x', 1)], from, to, 'day');
    expect(data.series).toEqual([
      { label: 'Requests', values: [0, 2, 0, 0] },
      { label: 'Errors', values: [0, 1, 0, 0] },
    ]);
  });

  it('picks hourly buckets for a day and daily ones for longer', () => {
    expect(presetRange('24h', 1e12)).toEqual({ from: 1e12 - day, to: 1e12, bucket: 'hour' });
    expect(presetRange('30d', 1e12).bucket).toBe('day');
  });
});
