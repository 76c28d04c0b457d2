import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, IsNull, LessThan, MoreThan, type Repository } from 'typeorm';
import { SessionEntity } from '@qwen-proxy/persistence';
import type { QwenSession, SessionContinuation, SessionStore } from '@qwen-proxy/providers';
import type { AppConfig } from '../config/app-config';
import { queryWithNamedParameters } from '../common/bind-named-parameters';
import { APP_CONFIG } from '../config/config.module';

/**
 * Conversations in the database, so they survive a restart. A session idle longer than
 * SESSION_IDLE_TTL_MS is not continued (its history is folded into a new chat instead) and is
 * pruned in the background.
 *
 * The statements every Qwen request runs (open, record a turn, find a continuation) are written
 * as SQL with named parameters: TypeORM's query builder cost more CPU per request than the rest
 * of the Qwen path's bookkeeping (bench/profile.ts). The SQL is portable between SQLite and
 * PostgreSQL; the driver turns `:name` into its own placeholders.
 */
@Injectable()
export class DatabaseSessionStore implements SessionStore {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async findByHistoryHash(historyHash: string, clientScope: string | null): Promise<SessionContinuation | undefined> {
    // Open mode's scope is NULL; COALESCE keeps the comparison portable (no IS NOT DISTINCT FROM in SQLite).
    const rows = (await this.query(
      `SELECT s."id", s."credential_id", s."upstream_chat_id", s."model", s."explicit_key", s."client_scope", s."opening_hash",
              s."last_response_id", t."upstream_response_id"
         FROM "session_turns" t INNER JOIN "sessions" s ON s."id" = t."session_id"
        WHERE t."history_hash" = :historyHash AND COALESCE(s."client_scope", '') = :clientScope
          AND s."closed_at" IS NULL AND s."last_used_at" > :since
        ORDER BY t."created_at" DESC LIMIT 1`,
      { historyHash, clientScope: clientScope ?? '', since: this.activeSince() },
    )) as SessionTurnRow[];
    const row = rows[0];
    if (!row) return undefined;
    return {
      session: {
        id: row.id,
        credentialId: row.credential_id,
        chatId: row.upstream_chat_id,
        model: row.model,
        explicitKey: row.explicit_key,
        clientScope: row.client_scope,
        openingHash: row.opening_hash,
        lastResponseId: row.last_response_id,
      },
      parentResponseId: row.upstream_response_id,
    };
  }

  async findByExplicitKey(explicitKey: string, match: { clientScope: string | null; openingHash: string }): Promise<QwenSession | undefined> {
    const row = await this.sessions.findOne({
      where: {
        explicitKey,
        clientScope: match.clientScope ?? IsNull(),
        openingHash: match.openingHash,
        resendsHistory: false,
        closedAt: IsNull(),
        lastUsedAt: MoreThan(this.activeSince()),
      },
      order: { lastUsedAt: 'DESC' },
    });
    return row ? toSession(row) : undefined;
  }

  async open(session: Omit<QwenSession, 'lastResponseId'> & { title: string }): Promise<void> {
    const now = Date.now();
    await this.query(
      `INSERT INTO "sessions" ("id", "provider", "credential_id", "upstream_chat_id", "model", "explicit_key", "client_scope", "opening_hash",
                               "resends_history", "title", "turn_count", "last_response_id", "closed_at", "created_at", "last_used_at")
       VALUES (:id, 'qwen-web', :credentialId, :chatId, :model, :explicitKey, :clientScope, :openingHash, FALSE, :title, 0, NULL, NULL, :now, :now)`,
      {
        id: session.id,
        credentialId: session.credentialId,
        chatId: session.chatId,
        model: session.model,
        explicitKey: session.explicitKey,
        clientScope: session.clientScope,
        openingHash: session.openingHash,
        title: session.title,
        now,
      },
    );
  }

  // Booleans are written as TRUE/FALSE literals: portable between SQLite (3.23+) and PostgreSQL,
  // where a bound 1 or 0 would not fit a boolean column.
  async recordTurn(sessionId: string, turn: { historyHash: string; responseId: string; requestId?: string; resentHistory?: boolean }): Promise<void> {
    const now = Date.now();
    await this.dataSource.transaction(async (manager) => {
      await this.query(
        `INSERT INTO "session_turns" ("id", "session_id", "history_hash", "upstream_response_id", "request_id", "created_at")
         VALUES (:id, :sessionId, :historyHash, :responseId, :requestId, :now)`,
        { id: randomUUID(), sessionId, historyHash: turn.historyHash, responseId: turn.responseId, requestId: turn.requestId ?? null, now },
        manager,
      );
      await this.query(
        turn.resentHistory
          ? `UPDATE "sessions" SET "last_response_id" = :responseId, "last_used_at" = :now, "turn_count" = "turn_count" + 1, "resends_history" = TRUE WHERE "id" = :sessionId`
          : `UPDATE "sessions" SET "last_response_id" = :responseId, "last_used_at" = :now, "turn_count" = "turn_count" + 1 WHERE "id" = :sessionId`,
        { responseId: turn.responseId, now, sessionId },
        manager,
      );
    });
  }

  async close(sessionId: string): Promise<void> {
    await this.sessions.update({ id: sessionId }, { closedAt: Date.now() });
  }

  /** Sessions idle past the expiry, oldest first. */
  expired(limit: number): Promise<SessionEntity[]> {
    return this.sessions.find({ where: { lastUsedAt: LessThan(this.activeSince()) }, order: { lastUsedAt: 'ASC' }, take: limit });
  }

  /** Forgets a session and, by cascade, its turns. */
  async remove(sessionId: string): Promise<void> {
    await this.sessions.delete({ id: sessionId });
  }

  private query(sql: string, parameters: Record<string, unknown>, manager: EntityManager = this.dataSource.manager): Promise<unknown> {
    return queryWithNamedParameters(manager, sql, parameters);
  }

  private activeSince(): number {
    return Date.now() - this.config.sessionIdleTtlMs;
  }
}

function toSession(row: SessionEntity): QwenSession {
  return {
    id: row.id,
    credentialId: row.credentialId,
    chatId: row.upstreamChatId,
    model: row.model,
    explicitKey: row.explicitKey,
    clientScope: row.clientScope,
    openingHash: row.openingHash,
    lastResponseId: row.lastResponseId,
  };
}

/** A continuation as the join returns it (column names as stored). */
interface SessionTurnRow {
  id: string;
  credential_id: string | null;
  upstream_chat_id: string;
  model: string;
  explicit_key: string | null;
  client_scope: string | null;
  opening_hash: string | null;
  last_response_id: string | null;
  upstream_response_id: string;
}

