import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { NotFoundError } from '@qwen-proxy/contracts';
import { SessionEntity, SessionTurnEntity } from '@qwen-proxy/persistence';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { PageQueryDto } from './dto/activity-query.dto';
import { RequestLogService, type RequestSummary } from './request-log.service';

export interface SessionView {
  id: string;
  provider: string;
  credentialId: string | null;
  model: string;
  title: string;
  turnCount: number;
  createdAt: number;
  lastUsedAt: number;
  closedAt: number | null;
  /** When it stops being continued if left idle. */
  expiresAt: number;
}

/** Conversations as the console shows them (never the upstream chat ids' secrets: there are none). */
@Injectable()
export class SessionsViewService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(SessionTurnEntity) private readonly turns: Repository<SessionTurnEntity>,
    private readonly requestLog: RequestLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(query: PageQueryDto): Promise<{ total: number; items: SessionView[] }> {
    const [rows, total] = await this.sessions.findAndCount({ order: { lastUsedAt: 'DESC' }, take: query.limit ?? 50, skip: query.offset ?? 0 });
    return { total, items: rows.map((row) => this.view(row)) };
  }

  async get(id: string): Promise<SessionView & { turns: { id: string; createdAt: number; requestId: string | null; upstreamResponseId: string }[]; requests: RequestSummary[] }> {
    const row = await this.sessions.findOneBy({ id });
    if (!row) throw new NotFoundError(`No session with id ${id}.`, { code: 'session_not_found', param: 'id' });
    const turns = await this.turns.find({ where: { sessionId: id }, order: { createdAt: 'ASC' } });
    return {
      ...this.view(row),
      turns: turns.map((turn) => ({ id: turn.id, createdAt: turn.createdAt, requestId: turn.requestId, upstreamResponseId: turn.upstreamResponseId })),
      requests: await this.requestLog.forSession(id),
    };
  }

  private view(row: SessionEntity): SessionView {
    return {
      id: row.id,
      provider: row.provider,
      credentialId: row.credentialId,
      model: row.model,
      title: row.title,
      turnCount: row.turnCount,
      createdAt: row.createdAt,
      lastUsedAt: row.lastUsedAt,
      closedAt: row.closedAt,
      expiresAt: row.lastUsedAt + this.config.sessionIdleTtlMs,
    };
  }
}
