import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { millisecondsColumn } from '../internal/column-types';

/**
 * A scoped token issued to a paired browser extension. It can only hand credentials to the
 * control plane. Only its SHA-256 is kept: a leaked database does not leak usable tokens.
 */
@Entity({ name: 'extension_tokens' })
export class ExtensionTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('idx_extension_tokens_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64, select: false })
  tokenHash: string;

  /** The extension's id (`chrome-extension://<id>`), recorded at pairing; its origin is the only one CORS admits. */
  @Column({ name: 'extension_id', type: 'varchar', length: 64, nullable: true })
  extensionId: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  /** The Qwen account this extension last wrote, for its status. */
  @Column({ name: 'credential_id', type: 'varchar', length: 36, nullable: true })
  credentialId: string | null;

  @Column({ name: 'last_sync_at', ...millisecondsColumn({ nullable: true }) })
  lastSyncAt: number | null;

  @Column({ name: 'last_used_at', ...millisecondsColumn({ nullable: true }) })
  lastUsedAt: number | null;

  @Column({ name: 'created_at', ...millisecondsColumn() })
  createdAt: number;
}
