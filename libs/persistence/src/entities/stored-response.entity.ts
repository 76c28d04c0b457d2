import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonColumn, millisecondsColumn } from '../internal/column-types';

/**
 * A Responses API answer kept for `previous_response_id` and `GET /v1/responses/{id}`: the
 * conversation up to and including it (neutral chat messages, instructions left out) and the
 * `response` object as the client received it.
 */
@Entity({ name: 'stored_responses' })
export class StoredResponseEntity {
  /** `resp_…`. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  id: string;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 200 })
  model: string;

  /** The API key that created it (null in open mode): only that key may fetch or continue it. */
  @Column({ name: 'client_scope', type: 'varchar', length: 40, nullable: true })
  clientScope: string | null;

  @Column({ ...jsonColumn({ nullable: false }) })
  conversation: unknown;

  @Column({ ...jsonColumn({ nullable: false }) })
  response: unknown;

  @Index('idx_stored_responses_created_at')
  @Column({ name: 'created_at', ...millisecondsColumn() })
  createdAt: number;
}
