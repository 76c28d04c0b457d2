import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RequestEntity, ResponseEntity } from '@qwen-proxy/persistence';
import { utcDayOf, utcMonthOf } from './budget-periods';

export interface TokenUsage {
  tokensToday: number;
  tokensThisMonth: number;
}

/**
 * Tokens a key used, summed from the request log (`responses.total_tokens` of the requests made
 * with it). The log is the one source of truth, so budgets survive restarts and are shared by
 * instances on one database. Rows land a moment after a request ends, so concurrent requests
 * can overshoot a budget by what they use together; the next request is refused.
 */
@Injectable()
export class ApiKeyTokenUsage {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(apiKeyId: string, now = Date.now()): Promise<TokenUsage> {
    const day = utcDayOf(now);
    const month = utcMonthOf(now);
    const row = await this.dataSource
      .createQueryBuilder()
      .select('COALESCE(SUM(CASE WHEN request.started_at >= :dayStart THEN response.total_tokens ELSE 0 END), 0)', 'today')
      .addSelect('COALESCE(SUM(response.total_tokens), 0)', 'month')
      .from(RequestEntity, 'request')
      .innerJoin(ResponseEntity, 'response', 'response.request_id = request.id')
      .where('request.api_key_id = :apiKeyId AND request.started_at >= :monthStart', { apiKeyId, monthStart: month.start, dayStart: day.start })
      .getRawOne<{ today: number | string; month: number | string }>();
    // PostgreSQL returns sums as text.
    return { tokensToday: Number(row?.today ?? 0), tokensThisMonth: Number(row?.month ?? 0) };
  }
}
