import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { BadRequestError, NotFoundError } from '@qwen-proxy/contracts';
import { type CredentialStatus, QwenCredentialEntity, SecretCipher } from '@qwen-proxy/persistence';
import { decodeTokenExpiry, missingAntiBotCookies, parseCookieString, type QwenCredentials, tokenFromCookies } from '@qwen-proxy/qwen';
import type { AppConfig } from '../config/app-config';
import { LastUsedWriter } from '../common/last-used-writer';
import { APP_CONFIG } from '../config/config.module';
import type { CreateCredentialDto } from './dto/create-credential.dto';
import type { CredentialViewDto } from './dto/credential-view.dto';
import { accountIdOf, maskSecret } from './token-claims';

const secretColumns = ['tokenEncrypted', 'cookiesEncrypted', 'bxUaEncrypted', 'bxUmidtokenEncrypted', 'proxyUrlEncrypted'] as const;

const usableCacheMs = 2_000;
/** How often "last used" times reach the database: bookkeeping, batched off the request path. */
const lastUsedWriteIntervalMs = 1_000;

/** A credential with its secrets decrypted, for the account pool only. */
export interface UsableCredential {
  row: QwenCredentialEntity;
  credentials: QwenCredentials;
  /** This account's own outbound HTTP proxy, decrypted. */
  proxyUrl?: string;
}

/** Qwen accounts: stored encrypted, shown masked, seeded from the environment at boot. */
@Injectable()
export class CredentialsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CredentialsService.name);
  /**
   * Every request leases an account: reading and decrypting every row each time would put a
   * query and four AES decryptions on the hot path. Changes made here update or drop the cache at
   * once; the short lifetime bounds staleness when another process writes the same database.
   */
  private usableCache?: { loadedAt: number; entries: Promise<UsableCredential[]>; resolved?: UsableCredential[] };
  private readonly lastUsed: LastUsedWriter;

  constructor(
    @InjectRepository(QwenCredentialEntity) private readonly repository: Repository<QwenCredentialEntity>,
    private readonly cipher: SecretCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.lastUsed = new LastUsedWriter({
      manager: repository.manager,
      table: 'qwen_credentials',
      intervalMs: lastUsedWriteIntervalMs,
      onError: (id, failure) => this.logger.warn(`Could not note when account ${id} was last used: ${String(failure)}`),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const { token, cookies } = this.config.qwen;
    if (!token && !cookies) return;
    const view = await this.save({ token, cookies: cookies ?? `token=${token}`, label: 'environment' }, 'environment');
    this.logger.log(`Seeded Qwen account "${view.label}" from QWEN_TOKEN/QWEN_COOKIES (status ${view.status}).`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.lastUsed.flush();
  }

  /** Adds an account, or updates it when the same Qwen user reconnects. */
  async save(input: CreateCredentialDto, source: string = input.source ?? 'api'): Promise<CredentialViewDto> {
    const cookies = input.cookies.trim();
    const token = (input.token?.trim().replace(/^bearer\s+/i, '') || tokenFromCookies(cookies))?.trim();
    if (!token) {
      throw new BadRequestError('No token: send `token`, or a `cookies` string that contains the `token` cookie of chat.qwen.ai.', {
        code: 'missing_token',
        param: 'token',
      });
    }
    const cookieNames = [...new Set(parseCookieString(cookies).map((cookie) => cookie.name))];
    if (cookieNames.length === 0) {
      throw new BadRequestError('`cookies` holds no cookie: paste the whole cookie string of chat.qwen.ai (name=value; …).', {
        code: 'invalid_cookies',
        param: 'cookies',
      });
    }
    const now = Date.now();
    const accountId = accountIdOf(token) ?? null;
    const expiresAt = decodeTokenExpiry(token) ?? null;
    // Secret columns are loaded too: a reconnect (the extension sends on every cookie change)
    // must keep what it does not resend, such as a per-account proxy or the bx-* fingerprint.
    const existing = accountId
      ? await this.repository
          .createQueryBuilder('credential')
          .addSelect(secretColumns.map((column) => `credential.${column}`))
          .where('credential.account_id = :accountId', { accountId })
          .getOne()
      : null;
    const row: QwenCredentialEntity = Object.assign(existing ?? new QwenCredentialEntity(), {
      id: existing?.id ?? randomUUID(),
      label: input.label?.trim() || existing?.label || (accountId ? `Qwen ${accountId.slice(0, 8)}` : 'Qwen account'),
      accountId,
      tokenEncrypted: this.cipher.encrypt(token),
      cookiesEncrypted: this.cipher.encrypt(cookies),
      bxUaEncrypted: input.bxUa ? this.cipher.encrypt(input.bxUa) : (existing?.bxUaEncrypted ?? null),
      bxUmidtokenEncrypted: input.bxUmidtoken ? this.cipher.encrypt(input.bxUmidtoken) : (existing?.bxUmidtokenEncrypted ?? null),
      bxV: input.bxV ?? existing?.bxV ?? null,
      maxConcurrency: input.maxConcurrency ?? existing?.maxConcurrency ?? null,
      proxyUrlEncrypted: input.proxyUrl ? this.cipher.encrypt(input.proxyUrl) : (existing?.proxyUrlEncrypted ?? null),
      userAgent: input.userAgent ?? existing?.userAgent ?? null,
      tokenHint: maskSecret(token),
      cookieNames: cookieNames.join(','),
      // Fresh credentials clear what the old ones suffered (captcha, expiry, refusals), but not a
      // daily-limit cooldown: that limit is the Qwen account's, whatever cookies reach it, and a
      // restart with QWEN_TOKEN set or the extension's next cookie sync must not lift it.
      ...stateOfFreshCredentials(existing, expiresAt, now),
      verificationUrl: null,
      expiresAt,
      lastUsedAt: existing?.lastUsedAt ?? null,
      source,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    });
    await this.repository.save(row);
    this.usableCache = undefined;
    return this.view(row);
  }

  async list(): Promise<CredentialViewDto[]> {
    const rows = await this.repository.find({ order: { createdAt: 'ASC' } });
    return rows.map((row) => this.view(row));
  }

  async get(id: string): Promise<CredentialViewDto> {
    return this.view(await this.findRow(id));
  }

  async remove(id: string): Promise<void> {
    const result = await this.repository.delete({ id });
    this.usableCache = undefined;
    if (!result.affected) throw this.notFound(id);
  }

  /** Rows with their secrets, for the pool; never leaves the server. */
  async usable(): Promise<UsableCredential[]> {
    const now = Date.now();
    if (!this.usableCache || now - this.usableCache.loadedAt > usableCacheMs) {
      const cache: NonNullable<typeof this.usableCache> = { loadedAt: now, entries: this.loadUsable() };
      this.usableCache = cache;
      cache.entries.then(
        (entries) => (cache.resolved = entries),
        () => {
          if (this.usableCache === cache) this.usableCache = undefined;
        },
      );
    }
    return this.usableCache.entries;
  }

  private async loadUsable(): Promise<UsableCredential[]> {
    const rows = await this.repository
      .createQueryBuilder('credential')
      .addSelect(secretColumns.map((column) => `credential.${column}`))
      .getMany();
    for (const row of rows) row.lastUsedAt = this.lastUsed.unwritten(row.id) ?? row.lastUsedAt;
    return rows.map((row) => ({
      row,
      proxyUrl: row.proxyUrlEncrypted ? this.cipher.decrypt(row.proxyUrlEncrypted) : undefined,
      credentials: {
        token: this.cipher.decrypt(row.tokenEncrypted),
        cookies: this.cipher.decrypt(row.cookiesEncrypted),
        bxUa: row.bxUaEncrypted ? this.cipher.decrypt(row.bxUaEncrypted) : undefined,
        bxUmidtoken: row.bxUmidtokenEncrypted ? this.cipher.decrypt(row.bxUmidtokenEncrypted) : undefined,
        bxV: row.bxV ?? undefined,
        userAgent: row.userAgent ?? undefined,
      },
    }));
  }

  /** Notes that a request just leased this account (whose cached row it already updated). */
  noteUsed(id: string, at: number): void {
    this.lastUsed.note(id, at);
  }

  async updateState(
    id: string,
    state: Partial<Pick<QwenCredentialEntity, 'status' | 'statusReason' | 'verificationUrl' | 'cooldownUntil' | 'lastUsedAt'>>,
  ): Promise<void> {
    // The pool must see a cooldown or an expiry at once, not after the cache lifetime.
    const cached = this.usableCache?.resolved?.find((entry) => entry.row.id === id);
    if (cached) Object.assign(cached.row, state);
    else if (this.usableCache && !this.usableCache.resolved) this.usableCache = undefined;
    await this.repository.update({ id }, { ...state, updatedAt: Date.now() });
  }

  private async findRow(id: string): Promise<QwenCredentialEntity> {
    const row = await this.repository.findOneBy({ id });
    if (!row) throw this.notFound(id);
    return row;
  }

  private notFound(id: string): NotFoundError {
    return new NotFoundError(`No Qwen account with id ${id}.`, { code: 'credential_not_found', param: 'id' });
  }

  private view(row: QwenCredentialEntity): CredentialViewDto {
    const now = Date.now();
    // Expiry is a fact of the clock, not only of the last request: show it as soon as it passes.
    const status = row.status === 'valid' && row.expiresAt !== null && row.expiresAt <= now ? 'expired' : row.status;
    const cookieNames = row.cookieNames ? row.cookieNames.split(',') : [];
    return {
      id: row.id,
      label: row.label,
      accountId: row.accountId,
      status,
      statusReason: row.statusReason,
      verificationUrl: row.verificationUrl,
      expiresAt: row.expiresAt,
      cooldownUntil: row.cooldownUntil,
      lastUsedAt: this.lastUsed.unwritten(row.id) ?? row.lastUsedAt,
      tokenHint: row.tokenHint,
      maxConcurrency: row.maxConcurrency,
      cookieNames,
      missingCookies: missingAntiBotCookies(cookieNames),
      source: row.source,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}

function stateOfFreshCredentials(
  existing: QwenCredentialEntity | null,
  expiresAt: number | null,
  now: number,
): Pick<QwenCredentialEntity, 'status' | 'statusReason' | 'cooldownUntil'> {
  if (expiresAt !== null && expiresAt <= now) return { status: 'expired', statusReason: 'The token had already expired when it was added.', cooldownUntil: null };
  if (existing && existing.cooldownUntil !== null && existing.cooldownUntil > now) {
    return { status: 'cooldown', statusReason: existing.statusReason, cooldownUntil: existing.cooldownUntil };
  }
  return { status: 'valid' as CredentialStatus, statusReason: null, cooldownUntil: null };
}
