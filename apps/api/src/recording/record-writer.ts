import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { RequestEntity, ResponseEntity } from '@qwen-proxy/persistence';
import { SqliteRowInserter } from './sqlite-row-inserter';

/** Whether request rows reach the database; readiness reports it. */
export interface RecorderHealth {
  ok: boolean;
  /** Rows given up on since the failure began. */
  droppedRows: number;
  /** Since when rows fail, epoch ms. */
  failingSince?: number;
  error?: string;
}

type PendingRow = { entity: typeof RequestEntity; row: RequestEntity } | { entity: typeof ResponseEntity; row: ResponseEntity };

/** How long rows wait, in all, for a database another process keeps locked. */
const lockedRetryWindowMs = 5 * 60_000;
const lockedRetryDelayMs = 250;

/**
 * Writes request and response rows off the hot path: rows queue in memory and are flushed on the
 * next turn of the event loop, many per transaction, so a stream never waits for the database.
 * Rows are written in arrival order, so a response never precedes its request. A database that
 * is locked (another process, a backup) delays the rows, it does not lose them.
 */
@Injectable()
export class RecordWriter implements OnApplicationShutdown {
  private readonly logger = new Logger(RecordWriter.name);
  private queue: PendingRow[] = [];
  private scheduled = false;
  private flushing: Promise<void> = Promise.resolve();
  private lockedSince?: number;
  private failure?: { since: number; error: string; droppedRows: number };
  private readonly sqlite?: SqliteRowInserter;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    // On SQLite, prepared statements on the driver skip TypeORM's query builder: measured at
    // about 0.8 ms of CPU per request (bench/profile.ts), more than the rest of the router path.
    if (dataSource.options.type === 'better-sqlite3') this.sqlite = new SqliteRowInserter(dataSource);
  }

  enqueueRequest(row: RequestEntity): void {
    this.enqueue({ entity: RequestEntity, row });
  }

  enqueueResponse(row: ResponseEntity): void {
    this.enqueue({ entity: ResponseEntity, row });
  }

  /** Resolves once everything queued so far is in the database (or was given up on and logged). */
  async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    this.flushing = this.flushing.then(() => (batch.length ? this.write(batch) : undefined));
    await this.flushing;
  }

  /** Failing while rows are being dropped (a full disk, a read-only file), until a write succeeds again. */
  health(): RecorderHealth {
    if (!this.failure) return { ok: true, droppedRows: 0 };
    return { ok: false, droppedRows: this.failure.droppedRows, failingSince: this.failure.since, error: this.failure.error };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private enqueue(pending: PendingRow): void {
    this.queue.push(pending);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private async write(batch: PendingRow[]): Promise<void> {
    if (!this.dataSource.isInitialized) return;
    try {
      if (this.sqlite) this.sqlite.insertAll(batch);
      else await this.dataSource.transaction(async (manager) => {
        for (const pending of batch) await insertRow(manager, pending);
      });
      if (this.lockedSince !== undefined) this.logger.log('The database is writable again; delayed request rows are written.');
      this.lockedSince = undefined;
      this.recovered();
    } catch (error) {
      if (isLocked(error) && this.retryLater(batch)) return;
      // One bad row must not lose the batch: retry each on its own and report what fails.
      let written = 0;
      for (const pending of batch) {
        await insertRow(this.dataSource.manager, pending).then(
          () => (written += 1),
          (failure: unknown) => this.dropped(pending, failure),
        );
      }
      if (written > 0 && written === batch.length) this.recovered();
    }
  }

  /**
   * A row given up on. The first is logged loudly with the cause (a full disk drops every row
   * after it, and one line per row would bury the reason); later ones are counted, and
   * readiness reports the recorder failing until a write succeeds.
   */
  private dropped(pending: PendingRow, failure: unknown): void {
    const id = 'id' in pending.row ? pending.row.id : pending.row.requestId;
    if (this.failure) {
      this.failure.droppedRows += 1;
      this.logger.debug(`Could not record ${pending.entity.name} ${id}: ${String(failure)}`);
      return;
    }
    const full = /SQLITE_FULL|ENOSPC|disk is full|database or disk is full/i.test(String((failure as { code?: string })?.code ?? '') + String(failure));
    this.failure = { since: Date.now(), error: String(failure), droppedRows: 1 };
    this.logger.error(
      `REQUEST LOG FAILING: could not record ${pending.entity.name} ${id} (${String(failure)}).${full ? ' The disk is full: free space in the data folder.' : ''} ` +
        'Request rows are dropped until the database takes writes again; /health/ready reports it.',
    );
  }

  private recovered(): void {
    if (!this.failure) return;
    this.logger.warn(`The request log is writable again; ${this.failure.droppedRows} rows were dropped since ${new Date(this.failure.since).toISOString()}.`);
    this.failure = undefined;
  }

  /** Puts a batch back in front of the queue; false once the database has been locked too long. */
  private retryLater(batch: PendingRow[]): boolean {
    const now = Date.now();
    if (this.lockedSince === undefined) {
      this.lockedSince = now;
      this.logger.warn('The database is locked by another process; request rows wait in memory until it is free.');
    }
    if (now - this.lockedSince > lockedRetryWindowMs) return false;
    this.queue = [...batch, ...this.queue];
    setTimeout(() => void this.flush(), lockedRetryDelayMs).unref();
    return true;
  }
}

function isLocked(error: unknown): boolean {
  const text = String((error as { code?: string })?.code ?? '') + String(error);
  return /SQLITE_BUSY|SQLITE_LOCKED|database is locked/i.test(text);
}

function insertRow(manager: EntityManager, pending: PendingRow): Promise<unknown> {
  return pending.entity === RequestEntity
    ? manager.insert(RequestEntity, pending.row as RequestEntity)
    : manager.insert(ResponseEntity, pending.row as ResponseEntity);
}
