import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { BadRequestError, NotFoundError } from '@qwen-proxy/contracts';
import { type CredentialStatus, QwenCredentialEntity, SecretCipher } from '@qwen-proxy/persistence';
import {
  type CapturedHeaderMaxAge,
  cookieHeaderFor,
  decodeTokenExpiry,
  missingAntiBotCookies,
  parseCookieString,
  type QwenCredentials,
  tokenFromCookies,
  withoutStaleCapturedHeaders,
} from '@qwen-proxy/qwen';
import type { AppConfig } from '../config/app-config';
import { LastUsedWriter } from '../common/last-used-writer';
import { APP_CONFIG } from '../config/config.module';
import type { CreateCredentialDto } from './dto/create-credential.dto';
import type { CredentialViewDto } from './dto/credential-view.dto';
import { accountIdOf, maskSecret } from './token-claims';

const secretColumns = ['tokenEncrypted', 'cookiesEncrypted', 'bxUaEncrypted', 'bxUmidtokenEncrypted', 'proxyUrlEncrypted'] as const;

const usableCacheMs = 2_000;
/** The console warns this long before the token runs out (D11). */
const expiryWarningMs = 30 * 60_000;
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
      // Newly pasted fingerprint headers start their clock; kept ones keep theirs (D2).
      bxCapturedAt: input.bxUa || input.bxUmidtoken ? now : (existing?.bxCapturedAt ?? null),
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
    const rows = await this.withHeaderPresence().orderBy('credential.created_at', 'ASC').getMany();
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

  /**
   * A renewed login (D11): the new token replaces the old one in the token column and in the
   * cookie jar (and the rotated refresh token its cookie), the expiry follows the new `exp`.
   */
  async renewToken(id: string, token: string, refreshToken?: string): Promise<void> {
    const row = await this.repository
      .createQueryBuilder('credential')
      .addSelect(['credential.cookiesEncrypted'])
      .where('credential.id = :id', { id })
      .getOne();
    if (!row) throw this.notFound(id);
    const jar = cookieHeaderFor({ token, cookies: this.cipher.decrypt(row.cookiesEncrypted) });
    const cookies = refreshToken
      ? parseCookieString(jar)
          .map((cookie) => `${cookie.name}=${cookie.name === 'refresh_token' ? refreshToken : cookie.value}`)
          .join('; ')
      : jar;
    const now = Date.now();
    await this.repository.update(
      { id },
      {
        tokenEncrypted: this.cipher.encrypt(token),
        cookiesEncrypted: this.cipher.encrypt(cookies),
        tokenHint: maskSecret(token),
        expiresAt: decodeTokenExpiry(token) ?? null,
        status: 'valid',
        statusReason: null,
        updatedAt: now,
      },
    );
    this.usableCache = undefined;
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
    const row = await this.withHeaderPresence().where('credential.id = :id', { id }).getOne();
    if (!row) throw this.notFound(id);
    return row;
  }

  /** Rows with the (still encrypted) bx-* columns, so the view can say whether they are held. */
  private withHeaderPresence() {
    return this.repository
      .createQueryBuilder('credential')
      .addSelect(['credential.bxUaEncrypted', 'credential.bxUmidtokenEncrypted']);
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
      ...lifetimeOf(row, now, this.config.qwen.capturedHeaderMaxAge),
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

/**
 * What ages on an account (D2, D11): the token's `exp`, and the pasted bx-* headers, which stop
 * being sent once stale. The console shows both; they need the owner, not the proxy.
 */
function lifetimeOf(
  row: QwenCredentialEntity,
  now: number,
  maxAge: CapturedHeaderMaxAge,
): Pick<CredentialViewDto, 'tokenExpiry' | 'capturedHeaders'> {
  // Presence only: the pool decrypts the values, the view never does.
  const held = { token: '', cookies: '', bxUa: row.bxUaEncrypted ? 'held' : undefined, bxUmidtoken: row.bxUmidtokenEncrypted ? 'held' : undefined };
  const { state } = withoutStaleCapturedHeaders(held, row.bxCapturedAt ?? null, now, maxAge);
  const remainingMs = row.expiresAt === null ? null : row.expiresAt - now;
  return {
    tokenExpiry: {
      expiresAt: row.expiresAt,
      remainingMs,
      state: remainingMs === null ? 'unknown' : remainingMs <= 0 ? 'expired' : remainingMs <= expiryWarningMs ? 'expiring' : 'ok',
      // Renewed by itself only when the jar holds a refresh_token (PROTOCOL.md, D11).
      advice:
        remainingMs !== null && remainingMs <= expiryWarningMs
          ? row.cookieNames.split(',').includes('refresh_token') && remainingMs > 0
            ? 'The proxy renews this token with the refresh_token cookie before it expires.'
            : 'Log in to chat.qwen.ai again and reconnect this account (extension, desktop app, or POST /api/credentials).'
          : null,
    },
    capturedHeaders: {
      ...state,
      note: state.stale.length
        ? `${state.stale.join(' and ')} ${state.stale.length === 1 ? 'is' : 'are'} too old and no longer sent; reconnect with fresh ones, or without any.`
        : null,
    },
  };
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
