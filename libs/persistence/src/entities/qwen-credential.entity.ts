import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { millisecondsColumn } from '../internal/column-types';

export type CredentialStatus = 'valid' | 'expired' | 'invalid' | 'needs-verification' | 'cooldown';

/**
 * One chat.qwen.ai account. Secret columns hold ciphertext (see SecretCipher) and are not
 * selected unless a query asks for them, so a listing can never leak them by accident.
 */
@Entity({ name: 'qwen_credentials' })
export class QwenCredentialEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  label: string;

  /** Qwen's own user id (the token's `id` claim): reconnecting the same account updates its row. */
  @Index('idx_qwen_credentials_account_id')
  @Column({ name: 'account_id', type: 'varchar', length: 100, nullable: true })
  accountId: string | null;

  @Column({ name: 'token_encrypted', type: 'text', select: false })
  tokenEncrypted: string;

  @Column({ name: 'cookies_encrypted', type: 'text', select: false })
  cookiesEncrypted: string;

  @Column({ name: 'bx_ua_encrypted', type: 'text', nullable: true, select: false })
  bxUaEncrypted: string | null;

  @Column({ name: 'bx_umidtoken_encrypted', type: 'text', nullable: true, select: false })
  bxUmidtokenEncrypted: string | null;

  /** Requests this account may serve at once (null: the pool's default). */
  @Column({ name: 'max_concurrency', type: 'integer', nullable: true })
  maxConcurrency: number | null;

  /** An outbound HTTP proxy for this account only (may hold credentials, hence encrypted). */
  @Column({ name: 'proxy_url_encrypted', type: 'text', nullable: true, select: false })
  proxyUrlEncrypted: string | null;

  /** When bx-ua / bx-umidtoken were pasted: they age out and are then no longer sent. */
  @Column({ name: 'bx_captured_at', ...millisecondsColumn({ nullable: true }) })
  bxCapturedAt: number | null;

  @Column({ name: 'bx_v', type: 'varchar', length: 40, nullable: true })
  bxV: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  /** A masked hint of the token (first and last characters) to tell accounts apart. */
  @Column({ name: 'token_hint', type: 'varchar', length: 40 })
  tokenHint: string;

  /** The cookie names captured (never values), to show what the jar holds. */
  @Column({ name: 'cookie_names', type: 'text' })
  cookieNames: string;

  @Column({ type: 'varchar', length: 24 })
  status: CredentialStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ name: 'verification_url', type: 'text', nullable: true })
  verificationUrl: string | null;

  @Column({ name: 'expires_at', ...millisecondsColumn({ nullable: true }) })
  expiresAt: number | null;

  @Column({ name: 'cooldown_until', ...millisecondsColumn({ nullable: true }) })
  cooldownUntil: number | null;

  @Column({ name: 'last_used_at', ...millisecondsColumn({ nullable: true }) })
  lastUsedAt: number | null;

  /** Where the credentials came from: `api`, `environment`, `extension`, `desktop`. */
  @Column({ type: 'varchar', length: 24 })
  source: string;

  @Column({ name: 'created_at', ...millisecondsColumn() })
  createdAt: number;

  @Column({ name: 'updated_at', ...millisecondsColumn() })
  updatedAt: number;
}
