import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { WalCheckpointer } from '@qwen-proxy/persistence';

const checkpointIntervalMs = 1_000;

/** Runs the SQLite file's WAL checkpoints off the event loop while the app is up. */
@Injectable()
export class WalCheckpointService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WalCheckpointService.name);
  private checkpointer?: WalCheckpointer;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    const { options } = this.dataSource;
    // PostgreSQL has no WAL of ours to mind, and an in-memory database has no file.
    if (options.type !== 'better-sqlite3' || options.database === ':memory:') return;
    let warned = false;
    this.checkpointer = new WalCheckpointer({
      file: options.database,
      intervalMs: checkpointIntervalMs,
      onError: (message) => {
        if (warned) return;
        warned = true;
        this.logger.warn(`Background WAL checkpoint failed (SQLite checkpoints inline instead): ${message}`);
      },
    });
    this.checkpointer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.checkpointer?.stop();
  }
}
