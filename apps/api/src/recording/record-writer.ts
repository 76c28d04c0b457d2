import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { RequestEntity, ResponseEntity } from '@qwen-proxy/persistence';

type PendingRow = { entity: typeof RequestEntity; row: RequestEntity } | { entity: typeof ResponseEntity; row: ResponseEntity };

/**
 * Writes request and response rows off the hot path: rows queue in memory and are flushed on the
 * next turn of the event loop, many per transaction, so a stream never waits for the database.
 * Rows are written in arrival order, so a response never precedes its request.
 */
@Injectable()
export class RecordWriter implements OnApplicationShutdown {
  private readonly logger = new Logger(RecordWriter.name);
  private queue: PendingRow[] = [];
  private scheduled = false;
  private flushing: Promise<void> = Promise.resolve();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  enqueueRequest(row: RequestEntity): void {
    this.enqueue({ entity: RequestEntity, row });
  }

  enqueueResponse(row: ResponseEntity): void {
    this.enqueue({ entity: ResponseEntity, row });
  }

  /** Resolves once everything queued so far is in the database. */
  async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    this.flushing = this.flushing.then(() => (batch.length ? this.write(batch) : undefined));
    await this.flushing;
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
      await this.dataSource.transaction(async (manager) => {
        for (const pending of batch) await insertRow(manager, pending);
      });
    } catch (error) {
      // One bad row must not lose the batch: retry each on its own and report what fails.
      for (const pending of batch) {
        await insertRow(this.dataSource.manager, pending).catch((failure: unknown) => {
          this.logger.error(`Could not record ${pending.entity.name} ${'id' in pending.row ? pending.row.id : pending.row.requestId}: ${String(failure)}`);
        });
      }
      void error;
    }
  }
}

function insertRow(manager: EntityManager, pending: PendingRow): Promise<unknown> {
  return pending.entity === RequestEntity
    ? manager.insert(RequestEntity, pending.row as RequestEntity)
    : manager.insert(ResponseEntity, pending.row as ResponseEntity);
}
