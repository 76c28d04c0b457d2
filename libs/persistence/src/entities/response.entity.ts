import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { integerColumn, jsonColumn, millisecondsColumn } from '../internal/column-types';
import { RequestEntity } from './request.entity';

/** How one request ended: status, usage, timings, error. Exactly one per request. */
@Entity({ name: 'responses' })
export class ResponseEntity {
  @PrimaryColumn({ name: 'request_id', type: 'varchar', length: 64 })
  requestId: string;

  @OneToOne(() => RequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'request_id' })
  request?: RequestEntity;

  @Column({ name: 'status_code', ...integerColumn() })
  statusCode: number;

  /** `stop`, `length`, `tool-calls`, `content-filter`, or null when it did not finish. */
  @Column({ name: 'finish_reason', type: 'varchar', length: 24, nullable: true })
  finishReason: string | null;

  @Column({ type: 'boolean', default: false })
  truncated: boolean;

  /** The client hung up before the answer was complete. */
  @Column({ type: 'boolean', default: false })
  cancelled: boolean;

  @Column({ name: 'error_code', type: 'varchar', length: 64, nullable: true })
  errorCode: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  @Column({ name: 'prompt_tokens', ...integerColumn({ nullable: true }) })
  promptTokens: number | null;

  @Column({ name: 'completion_tokens', ...integerColumn({ nullable: true }) })
  completionTokens: number | null;

  @Column({ name: 'total_tokens', ...integerColumn({ nullable: true }) })
  totalTokens: number | null;

  @Column({ name: 'reasoning_tokens', ...integerColumn({ nullable: true }) })
  reasoningTokens: number | null;

  @Column({ name: 'usage_estimated', type: 'boolean', default: false })
  usageEstimated: boolean;

  /** The tokenizer that counted an estimated usage (`qwen3`, `o200k`, or `o200k+qwen3`); null when reported. */
  @Column({ name: 'usage_tokenizer', type: 'varchar', length: 40, nullable: true })
  usageTokenizer: string | null;

  @Column({ name: 'time_to_first_token_ms', ...integerColumn({ nullable: true }) })
  timeToFirstTokenMs: number | null;

  @Column({ name: 'duration_ms', ...integerColumn() })
  durationMs: number;

  /** Each provider tried by the router, in order, with why it failed (null off the router). */
  @Column({ ...jsonColumn() })
  attempts: { provider: string; model: string; durationMs: number; error?: { status: number; code: string; message: string } }[] | null;

  /** The answer as the client received it, when body logging is on. */
  @Column({ name: 'body', ...jsonColumn() })
  body: object | null;

  @Column({ name: 'completed_at', ...millisecondsColumn() })
  completedAt: number;
}
