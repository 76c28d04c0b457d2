import { Column, Entity, PrimaryColumn } from 'typeorm';
import { integerColumn, jsonColumn, millisecondsColumn } from '../internal/column-types';

/** A model a provider serves, as last fetched; answers `/v1/models` when the upstream is down. */
@Entity({ name: 'models' })
export class ModelEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  provider: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ ...jsonColumn() })
  capabilities: Record<string, boolean> | null;

  @Column({ name: 'max_context_length', ...integerColumn({ nullable: true }) })
  maxContextLength: number | null;

  @Column({ name: 'max_output_length', ...integerColumn({ nullable: true }) })
  maxOutputLength: number | null;

  /** When the model was first fetched (kept across refreshes): the `created` of `/v1/models`. */
  @Column({ name: 'fetched_at', ...millisecondsColumn() })
  fetchedAt: number;
}
