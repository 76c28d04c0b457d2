import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, LessThan } from 'typeorm';
import { RequestEntity, ResponseEntity } from '@qwen-proxy/persistence';
import { SettingsService } from '../settings/settings.service';

const pruneIntervalMs = 60 * 60_000;
const day = 86_400_000;

/**
 * Keeps the request log bounded: rows older than `retentionDays` are deleted (responses go with
 * their requests), bodies older than `bodyRetentionDays` are cleared, and SQLite gives the freed
 * pages back to the file system.
 */
@Injectable()
export class RetentionService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RetentionService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly settings: SettingsService,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.prune().catch((error: unknown) => this.logger.error(`Retention failed: ${String(error)}`)), pruneIntervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async prune(now = Date.now()): Promise<{ deleted: number; bodiesCleared: number }> {
    const { retentionDays, bodyRetentionDays } = this.settings.get();
    const deleted = await this.dataSource.getRepository(RequestEntity).delete({ startedAt: LessThan(now - retentionDays * day) });
    const bodyCutoff = now - bodyRetentionDays * day;
    const requestBodies = await this.dataSource
      .createQueryBuilder()
      .update(RequestEntity)
      .set({ body: null })
      .where('started_at < :cutoff AND body IS NOT NULL', { cutoff: bodyCutoff })
      .execute();
    await this.dataSource
      .createQueryBuilder()
      .update(ResponseEntity)
      .set({ body: null })
      .where('completed_at < :cutoff AND body IS NOT NULL', { cutoff: bodyCutoff })
      .execute();
    if (this.dataSource.options.type === 'better-sqlite3') {
      await this.dataSource.query('PRAGMA incremental_vacuum');
      await this.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    }
    const result = { deleted: deleted.affected ?? 0, bodiesCleared: requestBodies.affected ?? 0 };
    if (result.deleted || result.bodiesCleared) this.logger.log(`Retention: ${result.deleted} old requests deleted, ${result.bodiesCleared} bodies cleared.`);
    return result;
  }
}
