import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { integerColumn, jsonColumn, millisecondsColumn } from '../internal/column-types';

/** One client request as it arrived (the id is the `x-request-id` we answered with). */
@Entity({ name: 'requests' })
export class RequestEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  /** Which listener took it: `proxy` (:3000) or `router` (:3001). */
  @Column({ type: 'varchar', length: 16 })
  listener: string;

  /** Which wire surface: `openai-chat`, `anthropic-messages`, … */
  @Column({ type: 'varchar', length: 40 })
  surface: string;

  @Index('idx_requests_model')
  @Column({ type: 'varchar', length: 200 })
  model: string;

  @Column({ type: 'boolean' })
  stream: boolean;

  @Column({ name: 'message_count', ...integerColumn({ default: 0 }) })
  messageCount: number;

  @Column({ type: 'varchar', length: 40, nullable: true })
  provider: string | null;

  @Column({ name: 'credential_id', type: 'varchar', length: 36, nullable: true })
  credentialId: string | null;

  @Index('idx_requests_session_id')
  @Column({ name: 'session_id', type: 'varchar', length: 36, nullable: true })
  sessionId: string | null;

  @Column({ name: 'client_user_agent', type: 'text', nullable: true })
  clientUserAgent: string | null;

  /** The request body with secrets redacted; null when body logging is off. */
  @Column({ name: 'body', ...jsonColumn() })
  body: object | null;

  /** The client API key that made the request; null while keys are not in use. */
  @Column({ name: 'api_key_id', type: 'varchar', length: 36, nullable: true })
  apiKeyId?: string | null;

  /**
   * Frames, phases or error codes the upstream sent that its parser did not know (Qwen web):
   * `{kind, name, sample}`, at most five, each sample redacted and at most 2 KB. Null when none.
   */
  @Column({ name: 'upstream_unknown_shapes', ...jsonColumn() })
  upstreamUnknownShapes?: { kind: string; name: string; sample: string }[] | null;

  @Index('idx_requests_started_at')
  @Column({ name: 'started_at', ...millisecondsColumn() })
  startedAt: number;
}
