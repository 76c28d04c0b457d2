import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import { NotFoundError } from '@qwen-proxy/contracts';
import { RequestEntity, ResponseEntity } from '@qwen-proxy/persistence';
import { ProvidersService } from '../providers/providers.service';
import type { RequestLogQueryDto } from './dto/activity-query.dto';

export interface RequestSummary {
  id: string;
  listener: string;
  surface: string;
  model: string;
  stream: boolean;
  /** The provider's id (stable), and its name as people know it. */
  provider: string | null;
  providerName: string | null;
  credentialId: string | null;
  sessionId: string | null;
  startedAt: number;
  statusCode: number | null;
  finishReason: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  cancelled: boolean;
  truncated: boolean;
  promptTokens: number | null;
  completionTokens: number | null;
  totalTokens: number | null;
  timeToFirstTokenMs: number | null;
  durationMs: number | null;
}

export interface RequestDetail extends RequestSummary {
  messageCount: number;
  clientUserAgent: string | null;
  requestBody: unknown;
  responseBody: unknown;
  attempts: (NonNullable<ResponseEntity['attempts']>[number] & { providerName: string })[] | null;
  reasoningTokens: number | null;
  usageEstimated: boolean;
  /** What the upstream sent that its parser did not know ("Qwen sent something new"); [] when nothing. */
  upstreamUnknownShapes: { kind: string; name: string; sample: string }[];
  /** The tokenizer that counted an estimated usage (`qwen3`, `o200k`); null when the upstream reported it. */
  usageTokenizer: string | null;
}

/** The request log, newest first, filtered in SQL. */
@Injectable()
export class RequestLogService {
  constructor(
    @InjectRepository(RequestEntity) private readonly requests: Repository<RequestEntity>,
    private readonly providers: ProvidersService,
  ) {}

  async list(query: RequestLogQueryDto): Promise<{ total: number; items: RequestSummary[] }> {
    const builder = this.filtered(query);
    const total = await builder.clone().getCount();
    const rows = await builder
      .orderBy('request.started_at', 'DESC')
      .limit(query.limit ?? 50)
      .offset(query.offset ?? 0)
      .getRawMany<Record<string, unknown>>();
    return { total, items: rows.map((row) => this.named(toSummary(row))) };
  }

  async get(id: string): Promise<RequestDetail> {
    const row = await this.requests
      .createQueryBuilder('request')
      .leftJoin(ResponseEntity, 'response', 'response.request_id = request.id')
      .select(summaryColumns)
      .addSelect(['request.messageCount', 'request.clientUserAgent', 'request.body', 'response.body', 'response.attempts', 'response.reasoningTokens', 'response.usageEstimated', 'request.upstreamUnknownShapes', 'response.usageTokenizer'])
      .where('request.id = :id', { id })
      .getRawOne<Record<string, unknown>>();
    if (!row) throw new NotFoundError(`No request with id ${id} in the log.`, { code: 'request_not_found', param: 'id' });
    const attempts = parseJson(row['response_attempts']) as ResponseEntity['attempts'];
    return {
      ...this.named(toSummary(row)),
      messageCount: Number(row['request_message_count'] ?? 0),
      clientUserAgent: (row['request_client_user_agent'] as string | null) ?? null,
      requestBody: parseJson(row['request_body']),
      responseBody: parseJson(row['response_body']),
      attempts: attempts?.map((attempt) => ({ ...attempt, providerName: this.nameOf(attempt.provider) })) ?? null,
      reasoningTokens: numberOrNull(row['response_reasoning_tokens']),
      usageEstimated: Boolean(row['response_usage_estimated']),
      upstreamUnknownShapes: (parseJson(row['request_upstream_unknown_shapes']) as RequestDetail['upstreamUnknownShapes'] | null) ?? [],
      usageTokenizer: (row['response_usage_tokenizer'] as string | null) ?? null,
    };
  }

  /** The stored (redacted) request and answer bodies of these requests, by request id. */
  async bodiesOf(ids: readonly string[]): Promise<Map<string, { request: unknown; response: unknown }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.requests
      .createQueryBuilder('request')
      .leftJoin(ResponseEntity, 'response', 'response.request_id = request.id')
      .select(['request.id', 'request.body', 'response.body'])
      .where('request.id IN (:...ids)', { ids })
      .getRawMany<Record<string, unknown>>();
    return new Map(rows.map((row) => [String(row['request_id']), { request: parseJson(row['request_body']), response: parseJson(row['response_body']) }]));
  }

  /** Summaries of the requests of one session, oldest first. */
  async forSession(sessionId: string): Promise<RequestSummary[]> {
    const rows = await this.filtered({}).andWhere('request.session_id = :sessionId', { sessionId }).orderBy('request.started_at', 'ASC').getRawMany<Record<string, unknown>>();
    return rows.map((row) => this.named(toSummary(row)));
  }

  private named(summary: RequestSummary): RequestSummary {
    return { ...summary, providerName: summary.provider === null ? null : this.nameOf(summary.provider) };
  }

  /** A provider's name for people; a deleted provider keeps its id in the log: shown by id. */
  nameOf(providerId: string): string {
    return this.providers.nameOf(providerId) ?? providerId;
  }

  private filtered(query: RequestLogQueryDto): SelectQueryBuilder<RequestEntity> {
    const builder = this.requests
      .createQueryBuilder('request')
      .leftJoin(ResponseEntity, 'response', 'response.request_id = request.id')
      .select(summaryColumns);
    if (query.model) builder.andWhere('request.model = :model', { model: query.model });
    if (query.provider) {
      // A person types a name ("LM Studio", "qwen"); ids still match, and so do deleted providers' ids.
      builder.andWhere('request.provider IN (:...providers)', { providers: [query.provider, ...this.providers.idsMatching(query.provider)] });
    }
    if (query.account) builder.andWhere('request.credential_id = :account', { account: query.account });
    if (query.listener) builder.andWhere('request.listener = :listener', { listener: query.listener });
    if (query.from !== undefined) builder.andWhere('request.started_at >= :from', { from: query.from });
    if (query.to !== undefined) builder.andWhere('request.started_at < :to', { to: query.to });
    if (query.status === 'ok') builder.andWhere('response.status_code < 400 AND response.cancelled = :no AND response.error_code IS NULL', { no: false });
    if (query.status === 'error') builder.andWhere('(response.status_code >= 400 OR response.error_code IS NOT NULL) AND response.cancelled = :no', { no: false });
    if (query.status === 'cancelled') builder.andWhere('response.cancelled = :yes', { yes: true });
    return builder;
  }
}

const summaryColumns = [
  'request.id',
  'request.listener',
  'request.surface',
  'request.model',
  'request.stream',
  'request.provider',
  'request.credentialId',
  'request.sessionId',
  'request.startedAt',
  'response.statusCode',
  'response.finishReason',
  'response.errorCode',
  'response.errorMessage',
  'response.cancelled',
  'response.truncated',
  'response.promptTokens',
  'response.completionTokens',
  'response.totalTokens',
  'response.timeToFirstTokenMs',
  'response.durationMs',
];

function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function toSummary(row: Record<string, unknown>): RequestSummary {
  return {
    id: String(row['request_id']),
    listener: String(row['request_listener']),
    surface: String(row['request_surface']),
    model: String(row['request_model']),
    stream: Boolean(row['request_stream']),
    provider: (row['request_provider'] as string | null) ?? null,
    providerName: null,
    credentialId: (row['request_credential_id'] as string | null) ?? null,
    sessionId: (row['request_session_id'] as string | null) ?? null,
    startedAt: Number(row['request_started_at']),
    statusCode: numberOrNull(row['response_status_code']),
    finishReason: (row['response_finish_reason'] as string | null) ?? null,
    errorCode: (row['response_error_code'] as string | null) ?? null,
    errorMessage: (row['response_error_message'] as string | null) ?? null,
    cancelled: Boolean(row['response_cancelled']),
    truncated: Boolean(row['response_truncated']),
    promptTokens: numberOrNull(row['response_prompt_tokens']),
    completionTokens: numberOrNull(row['response_completion_tokens']),
    totalTokens: numberOrNull(row['response_total_tokens']),
    timeToFirstTokenMs: numberOrNull(row['response_time_to_first_token_ms']),
    durationMs: numberOrNull(row['response_duration_ms']),
  };
}
