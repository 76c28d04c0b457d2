import { Column, Entity, PrimaryColumn } from 'typeorm';
import { integerColumn, jsonColumn, millisecondsColumn } from '../internal/column-types';

/** An upstream the router may send requests to (`qwen-web` or `openai-compatible`). */
@Entity({ name: 'providers' })
export class ProviderEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Column({ name: 'base_url', type: 'text', nullable: true })
  baseUrl: string | null;

  @Column({ name: 'api_key_encrypted', type: 'text', nullable: true, select: false })
  apiKeyEncrypted: string | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ ...integerColumn({ default: 0 }) })
  priority: number;

  @Column({ ...integerColumn({ default: 1 }) })
  weight: number;

  /** Type-specific settings: extra headers, timeouts, declared models. */
  @Column({ ...jsonColumn() })
  settings: object | null;

  @Column({ name: 'created_at', ...millisecondsColumn() })
  createdAt: number;

  @Column({ name: 'updated_at', ...millisecondsColumn() })
  updatedAt: number;
}
