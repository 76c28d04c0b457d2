import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { RequestEntity, ResponseEntity } from '@qwen-proxy/persistence';
import type { UsageQueryDto } from './dto/activity-query.dto';
import { percentile } from './percentile';
import { ProvidersService } from '../providers/providers.service';

export interface UsageBucket {
  start: number;
  model: string;
  provider: string | null;
  /** The provider's name as people know it (its id when the provider is gone). */
  providerName: string | null;
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface UsageReport {
  from: number;
  to: number;
  bucket: 'hour' | 'day';
  buckets: UsageBucket[];
  latency: { p50: number | null; p95: number | null; p99: number | null; timeToFirstTokenP50: number | null; timeToFirstTokenP95: number | null; timeToFirstTokenP99: number | null };
  totals: { requests: number; errors: number; promptTokens: number; completionTokens: number; totalTokens: number };
}

const bucketMs = { hour: 3_600_000, day: 86_400_000 } as const;
const week = 7 * 86_400_000;

/** Token and request counts over time, per model and provider, and latency percentiles. */
@Injectable()
export class UsageService {
  constructor(
    @InjectRepository(RequestEntity) private readonly requests: Repository<RequestEntity>,
    private readonly providers: ProvidersService,
  ) {}

  async report(query: UsageQueryDto): Promise<UsageReport> {
    const to = query.to ?? Date.now();
    const from = query.from ?? to - week;
    const bucket = query.bucket ?? 'day';
    const size = bucketMs[bucket];
    // Integer division groups by bucket identically on SQLite and PostgreSQL (bigint / integer).
    const rows = await this.requests
      .createQueryBuilder('request')
      .innerJoin(ResponseEntity, 'response', 'response.request_id = request.id')
      .select(`(request.started_at / ${size}) * ${size}`, 'start')
      .addSelect('request.model', 'model')
      .addSelect('request.provider', 'provider')
      .addSelect('COUNT(*)', 'requests')
      .addSelect('SUM(CASE WHEN response.status_code >= 400 OR response.error_code IS NOT NULL THEN 1 ELSE 0 END)', 'errors')
      .addSelect('COALESCE(SUM(response.prompt_tokens), 0)', 'promptTokens')
      .addSelect('COALESCE(SUM(response.completion_tokens), 0)', 'completionTokens')
      .addSelect('COALESCE(SUM(response.total_tokens), 0)', 'totalTokens')
      .where('request.started_at >= :from AND request.started_at < :to', { from, to })
      .groupBy('start')
      .addGroupBy('request.model')
      .addGroupBy('request.provider')
      .orderBy('start', 'ASC')
      .getRawMany<Record<string, unknown>>();
    const buckets: UsageBucket[] = rows.map((row) => ({
      start: Number(row['start']),
      model: String(row['model']),
      provider: (row['provider'] as string | null) ?? null,
      providerName: row['provider'] ? (this.providers.nameOf(String(row['provider'])) ?? String(row['provider'])) : null,
      requests: Number(row['requests']),
      errors: Number(row['errors']),
      promptTokens: Number(row['promptTokens']),
      completionTokens: Number(row['completionTokens']),
      totalTokens: Number(row['totalTokens']),
    }));

    const timings = await this.requests
      .createQueryBuilder('request')
      .innerJoin(ResponseEntity, 'response', 'response.request_id = request.id')
      .select('response.duration_ms', 'duration')
      .addSelect('response.time_to_first_token_ms', 'firstToken')
      .where('request.started_at >= :from AND request.started_at < :to', { from, to })
      .andWhere('response.status_code < 400 AND response.cancelled = :no', { no: false })
      .getRawMany<{ duration: number | string; firstToken: number | string | null }>();
    const durations = timings.map((row) => Number(row.duration)).sort((left, right) => left - right);
    const firstTokens = timings
      .filter((row) => row.firstToken !== null)
      .map((row) => Number(row.firstToken))
      .sort((left, right) => left - right);

    const sum = (pick: (bucket: UsageBucket) => number) => buckets.reduce((total, entry) => total + pick(entry), 0);
    return {
      from,
      to,
      bucket,
      buckets,
      latency: {
        p50: percentile(durations, 50),
        p95: percentile(durations, 95),
        p99: percentile(durations, 99),
        timeToFirstTokenP50: percentile(firstTokens, 50),
        timeToFirstTokenP95: percentile(firstTokens, 95),
        timeToFirstTokenP99: percentile(firstTokens, 99),
      },
      totals: {
        requests: sum((entry) => entry.requests),
        errors: sum((entry) => entry.errors),
        promptTokens: sum((entry) => entry.promptTokens),
        completionTokens: sum((entry) => entry.completionTokens),
        totalTokens: sum((entry) => entry.totalTokens),
      },
    };
  }
}
