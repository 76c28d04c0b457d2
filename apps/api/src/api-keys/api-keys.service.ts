import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { BadRequestError, ConflictError, NotFoundError } from '@qwen-proxy/contracts';
import { ApiKeyEntity } from '@qwen-proxy/persistence';
import { generateApiKeySecret } from './api-key-secret';
import { ApiKeyTokenUsage } from './api-key-token-usage';
import type { ApiKeyViewDto, CreatedApiKeyDto } from './dto/api-key-view.dto';
import type { CreateApiKeyDto } from './dto/create-api-key.dto';
import { LastUsedWriter } from '../common/last-used-writer';

/** Another instance on the same database may add or revoke keys: pick its changes up this often. */
const reloadIntervalMs = 30_000;
/** `lastUsedAt` is informative: written at most once a minute per key, off the hot path. */
const lastUsedWriteIntervalMs = 60_000;

/**
 * The API keys: stored as hashes, held in memory by hash so checking a key on every request
 * costs no database read.
 */
@Injectable()
export class ApiKeysService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ApiKeysService.name);
  private byHash = new Map<string, ApiKeyEntity>();
  private readonly lastUsed: LastUsedWriter;
  private reloadTimer?: NodeJS.Timeout;

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly repository: Repository<ApiKeyEntity>,
    private readonly tokenUsage: ApiKeyTokenUsage,
  ) {
    this.lastUsed = new LastUsedWriter({
      manager: repository.manager,
      table: 'api_keys',
      intervalMs: lastUsedWriteIntervalMs,
      onError: (id, failure) => this.logger.warn(`Could not note the use of API key ${id}: ${String(failure)}`),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.reload();
    this.reloadTimer = setInterval(() => void this.reload().catch((error: unknown) => this.logger.warn(`Could not reload API keys: ${String(error)}`)), reloadIntervalMs);
    this.reloadTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.reloadTimer);
    await this.lastUsed.flush();
  }

  /** Whether any key was ever created: revoked and expired ones count, so revoking the last key does not reopen `/v1`. */
  get anyDefined(): boolean {
    return this.byHash.size > 0;
  }

  /** Keys neither revoked nor expired. */
  activeCount(now = Date.now()): number {
    let count = 0;
    for (const row of this.byHash.values()) if (statusOf(row, now) === 'active') count++;
    return count;
  }

  findByHash(hash: string): ApiKeyEntity | undefined {
    return this.byHash.get(hash);
  }

  async create(input: CreateApiKeyDto, now = Date.now()): Promise<CreatedApiKeyDto> {
    if (input.expiresAt !== undefined && input.expiresAt <= now) {
      throw new BadRequestError('`expiresAt` is in the past: give a future time in epoch milliseconds.', { code: 'invalid_request', param: 'expiresAt' });
    }
    const secret = generateApiKeySecret();
    const row: ApiKeyEntity = {
      id: randomUUID(),
      name: input.name.trim() || 'API key',
      keyHash: secret.hash,
      keyPrefix: secret.displayPrefix,
      requestsPerMinute: input.requestsPerMinute ?? null,
      tokensPerDay: input.tokensPerDay ?? null,
      tokensPerMonth: input.tokensPerMonth ?? null,
      allowedModels: input.allowedModels ? [...new Set(input.allowedModels.map((model) => model.trim()).filter(Boolean))] : null,
      expiresAt: input.expiresAt ?? null,
      revokedAt: null,
      lastUsedAt: null,
      createdAt: now,
    };
    await this.repository.insert(row);
    this.byHash.set(secret.hash, row);
    return { ...viewOf(row, now), key: secret.key };
  }

  async list(now = Date.now()): Promise<ApiKeyViewDto[]> {
    const rows = await this.repository.find({ order: { createdAt: 'DESC' } });
    return Promise.all(rows.map(async (row) => ({ ...viewOf(this.freshest(row), now), usage: await this.tokenUsage.of(row.id, now) })));
  }

  /** Revoking is final and idempotent: the row stays, so the request log keeps naming the key. */
  async revoke(id: string, now = Date.now()): Promise<void> {
    const row = await this.repository.findOneBy({ id });
    if (!row) throw new NotFoundError(`No API key ${id}.`, { code: 'api_key_not_found' });
    if (row.revokedAt === null) await this.repository.update({ id }, { revokedAt: now });
    for (const cached of this.byHash.values()) if (cached.id === id) cached.revokedAt ??= now;
  }

  /**
   * Deletes a revoked or expired key for good (its requests keep its id). An active key is
   * refused: revoke it first, so deleting is never the way a working key stops by surprise.
   */
  async remove(id: string, now = Date.now()): Promise<void> {
    const row = await this.repository.findOneBy({ id });
    if (!row) throw new NotFoundError(`No API key ${id}.`, { code: 'api_key_not_found' });
    if (statusOf(row, now) === 'active') {
      throw new ConflictError(`The API key "${row.name}" is active: revoke it first, then delete it.`, { code: 'api_key_active' });
    }
    await this.repository.delete({ id });
    for (const [hash, cached] of this.byHash) if (cached.id === id) this.byHash.delete(hash);
  }

  /** Notes a key's use; written to the database at most once a minute, never awaited by a request. */
  touch(key: ApiKeyEntity, now = Date.now()): void {
    key.lastUsedAt = now;
    this.lastUsed.note(key.id, now);
  }

  private async reload(): Promise<void> {
    const rows = await this.repository.createQueryBuilder('key').addSelect('key.keyHash').getMany();
    const byHash = new Map<string, ApiKeyEntity>();
    for (const row of rows) {
      const cached = this.byHash.get(row.keyHash!);
      // The in-memory lastUsedAt is newer than the throttled one in the database.
      if (cached?.lastUsedAt && (row.lastUsedAt ?? 0) < cached.lastUsedAt) row.lastUsedAt = cached.lastUsedAt;
      byHash.set(row.keyHash!, row);
    }
    this.byHash = byHash;
  }

  private freshest(row: ApiKeyEntity): ApiKeyEntity {
    for (const cached of this.byHash.values()) if (cached.id === row.id) return { ...row, lastUsedAt: cached.lastUsedAt ?? row.lastUsedAt };
    return row;
  }
}

export function statusOf(row: ApiKeyEntity, now: number): ApiKeyViewDto['status'] {
  if (row.revokedAt !== null) return 'revoked';
  if (row.expiresAt !== null && row.expiresAt <= now) return 'expired';
  return 'active';
}

function viewOf(row: ApiKeyEntity, now: number): ApiKeyViewDto {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.keyPrefix,
    status: statusOf(row, now),
    requestsPerMinute: row.requestsPerMinute,
    tokensPerDay: row.tokensPerDay,
    tokensPerMonth: row.tokensPerMonth,
    allowedModels: row.allowedModels,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
    createdAt: row.createdAt,
  };
}
