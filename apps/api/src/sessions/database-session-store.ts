import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, MoreThan, type Repository } from 'typeorm';
import { SessionEntity, SessionTurnEntity } from '@qwen-proxy/persistence';
import type { QwenSession, SessionContinuation, SessionStore } from '@qwen-proxy/providers';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/**
 * Conversations in the database, so they survive a restart. A session idle longer than
 * SESSION_IDLE_TTL_MS is not continued (its history is folded into a new chat instead) and is
 * pruned in the background.
 */
@Injectable()
export class DatabaseSessionStore implements SessionStore {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @InjectRepository(SessionTurnEntity) private readonly turns: Repository<SessionTurnEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async findByHistoryHash(historyHash: string): Promise<SessionContinuation | undefined> {
    const turn = await this.turns
      .createQueryBuilder('turn')
      .innerJoinAndSelect('turn.session', 'session')
      .where('turn.history_hash = :historyHash', { historyHash })
      .andWhere('session.closed_at IS NULL')
      .andWhere('session.last_used_at > :since', { since: this.activeSince() })
      .orderBy('turn.created_at', 'DESC')
      .getOne();
    if (!turn?.session) return undefined;
    return { session: toSession(turn.session), parentResponseId: turn.upstreamResponseId };
  }

  async findByExplicitKey(explicitKey: string): Promise<QwenSession | undefined> {
    const row = await this.sessions.findOne({
      where: { explicitKey, closedAt: IsNull(), lastUsedAt: MoreThan(this.activeSince()) },
      order: { lastUsedAt: 'DESC' },
    });
    return row ? toSession(row) : undefined;
  }

  async open(session: Omit<QwenSession, 'id' | 'lastResponseId'> & { title: string }): Promise<QwenSession> {
    const now = Date.now();
    const row = this.sessions.create({
      id: randomUUID(),
      provider: 'qwen-web',
      credentialId: session.credentialId,
      upstreamChatId: session.chatId,
      model: session.model,
      explicitKey: session.explicitKey,
      title: session.title,
      turnCount: 0,
      lastResponseId: null,
      closedAt: null,
      createdAt: now,
      lastUsedAt: now,
    });
    await this.sessions.insert(row);
    return toSession(row);
  }

  async recordTurn(sessionId: string, turn: { historyHash: string; responseId: string; requestId?: string }): Promise<void> {
    const now = Date.now();
    await this.turns.manager.transaction(async (manager) => {
      await manager.insert(SessionTurnEntity, {
        id: randomUUID(),
        sessionId,
        historyHash: turn.historyHash,
        upstreamResponseId: turn.responseId,
        requestId: turn.requestId ?? null,
        createdAt: now,
      });
      await manager.update(SessionEntity, { id: sessionId }, { lastResponseId: turn.responseId, lastUsedAt: now });
      await manager.increment(SessionEntity, { id: sessionId }, 'turnCount', 1);
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
    lastResponseId: row.lastResponseId,
  };
}
