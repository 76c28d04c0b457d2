import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { millisecondsColumn } from '../internal/column-types';
import { SessionEntity } from './session.entity';

/**
 * After each answer: the hash of the whole history including that answer, and the upstream id
 * of the answer. A later request whose history (before its new user turn) hashes the same
 * continues from here.
 */
@Entity({ name: 'session_turns' })
export class SessionTurnEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'session_id', type: 'varchar', length: 36 })
  sessionId: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: SessionEntity;

  @Index('idx_session_turns_history_hash')
  @Column({ name: 'history_hash', type: 'varchar', length: 64 })
  historyHash: string;

  @Column({ name: 'upstream_response_id', type: 'varchar', length: 100 })
  upstreamResponseId: string;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ name: 'created_at', ...millisecondsColumn() })
  createdAt: number;
}
