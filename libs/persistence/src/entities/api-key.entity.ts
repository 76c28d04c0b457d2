import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { integerColumn, jsonColumn, millisecondsColumn } from '../internal/column-types';

/**
 * A client key for `/v1/*`. Only the SHA-256 of the key is kept (the key itself is shown once,
 * at creation), so a copy of the database lets nobody call the proxy.
 */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Hex SHA-256 of the whole key; not selected unless asked for. */
  @Index('idx_api_keys_key_hash', { unique: true })
  @Column({ name: 'key_hash', type: 'varchar', length: 64, select: false })
  keyHash?: string;

  /** The first characters of the key, enough to recognise it in a list (`sk-qp-AbCd…`). */
  @Column({ name: 'key_prefix', type: 'varchar', length: 24 })
  keyPrefix: string;

  /** Requests allowed in any 60 seconds; null: no limit. */
  @Column({ name: 'requests_per_minute', ...integerColumn({ nullable: true }) })
  requestsPerMinute: number | null;

  /** Tokens (prompt + completion) allowed per UTC day; null: no limit. */
  @Column({ name: 'tokens_per_day', ...integerColumn({ nullable: true }) })
  tokensPerDay: number | null;

  /** Tokens allowed per UTC calendar month; null: no limit. */
  @Column({ name: 'tokens_per_month', ...integerColumn({ nullable: true }) })
  tokensPerMonth: number | null;

  /** Model names or `*` patterns this key may use; null: every model. */
  @Column({ name: 'allowed_models', ...jsonColumn() })
  allowedModels: string[] | null;

  @Column({ name: 'expires_at', ...millisecondsColumn({ nullable: true }) })
  expiresAt: number | null;

  @Column({ name: 'revoked_at', ...millisecondsColumn({ nullable: true }) })
  revokedAt: number | null;

  @Column({ name: 'last_used_at', ...millisecondsColumn({ nullable: true }) })
  lastUsedAt: number | null;

  @Column({ name: 'created_at', ...millisecondsColumn() })
  createdAt: number;
}
