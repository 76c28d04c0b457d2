import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { NotFoundError } from '@qwen-proxy/contracts';
import { SessionEntity, SessionTurnEntity } from '@qwen-proxy/persistence';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import type { SessionsQueryDto } from './dto/activity-query.dto';
import { RequestLogService, type RequestSummary } from './request-log.service';
import { turnTextOf } from './turn-text';

export interface SessionTurnView {
  id: string;
  createdAt: number;
  requestId: string | null;
  upstreamResponseId: string;
  /** The user's message and the answer, from the request log (null when bodies are not kept). */
  userText: string | null;
  answerText: string | null;
}

export interface SessionView {
  id: string;
  provider: string;
  /** The provider's name (the id for a deleted one). */
  providerName: string;
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

  async list(query: SessionsQueryDto): Promise<{ total: number; items: SessionView[] }> {
    const builder = this.sessions.createQueryBuilder('session').orderBy('session.lastUsedAt', 'DESC').take(query.limit ?? 50).skip(query.offset ?? 0);
    const search = query.search?.trim();
    if (search) {
      // The title, or any word of its requests and answers as the log keeps them (redacted).
      const pattern = `%${search.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      builder.where(
        `(LOWER(session.title) LIKE :pattern ESCAPE '\\' OR EXISTS (SELECT 1 FROM requests request LEFT JOIN responses response ON response.request_id = request.id ` +
          `WHERE request.session_id = session.id AND (LOWER(CAST(request.body AS TEXT)) LIKE :pattern ESCAPE '\\' OR LOWER(CAST(response.body AS TEXT)) LIKE :pattern ESCAPE '\\')))`,
        { pattern },
      );
    }
    const [rows, total] = await builder.getManyAndCount();
    return { total, items: rows.map((row) => this.view(row)) };
  }

  async get(id: string): Promise<SessionView & { turns: SessionTurnView[]; requests: RequestSummary[] }> {
    const row = await this.sessions.findOneBy({ id });
    if (!row) throw new NotFoundError(`No session with id ${id}.`, { code: 'session_not_found', param: 'id' });
    const turns = await this.turns.find({ where: { sessionId: id }, order: { createdAt: 'ASC' } });
    const bodies = await this.requestLog.bodiesOf(turns.flatMap((turn) => (turn.requestId ? [turn.requestId] : [])));
    return {
      ...this.view(row),
      turns: turns.map((turn) => {
        const body = turn.requestId ? bodies.get(turn.requestId) : undefined;
        const text = turnTextOf(body?.request, body?.response);
        return { id: turn.id, createdAt: turn.createdAt, requestId: turn.requestId, upstreamResponseId: turn.upstreamResponseId, userText: text.user, answerText: text.answer };
      }),
      requests: await this.requestLog.forSession(id),
    };
  }

  private view(row: SessionEntity): SessionView {
    return {
      id: row.id,
      provider: row.provider,
      providerName: this.requestLog.nameOf(row.provider),
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
