import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { integerColumn, millisecondsColumn } from '../internal/column-types';

/**
 * One conversation: an upstream chat (Qwen `chat_id`) on one account. Its turns map the
 * history a client will resend to the answer it continues from.
 */
@Entity({ name: 'sessions' })
export class SessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  provider: string;

  @Column({ name: 'credential_id', type: 'varchar', length: 36, nullable: true })
  credentialId: string | null;

  @Column({ name: 'upstream_chat_id', type: 'varchar', length: 100 })
  upstreamChatId: string;

  @Column({ type: 'varchar', length: 200 })
  model: string;

  /** The client's own key (`x-session-id` or `user`), when it named the conversation. */
  @Index('idx_sessions_explicit_key')
  @Column({ name: 'explicit_key', type: 'varchar', length: 200, nullable: true })
  explicitKey: string | null;

  /** Who opened the conversation: the API key's id, or null in open mode; only that client continues it. */
  @Column({ name: 'client_scope', type: 'varchar', length: 40, nullable: true })
  clientScope: string | null;

  /** SHA-256 of the system prompt the chat was opened with; a session key alone continues only a chat opened the same way. */
  @Column({ name: 'opening_hash', type: 'varchar', length: 64, nullable: true })
  openingHash: string | null;

  /** Its client resent the history (a turn continued an answer): a request without one is a new conversation. */
  @Column({ name: 'resends_history', type: 'boolean', default: false })
  resendsHistory: boolean;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'turn_count', ...integerColumn({ default: 0 }) })
  turnCount: number;

  @Column({ name: 'last_response_id', type: 'varchar', length: 100, nullable: true })
  lastResponseId: string | null;

  /** Set when the upstream chat was deleted (hygiene) or found gone. */
  @Column({ name: 'closed_at', ...millisecondsColumn({ nullable: true }) })
  closedAt: number | null;

  @Column({ name: 'created_at', ...millisecondsColumn() })
  createdAt: number;

  @Index('idx_sessions_last_used_at')
  @Column({ name: 'last_used_at', ...millisecondsColumn() })
  lastUsedAt: number;
}
