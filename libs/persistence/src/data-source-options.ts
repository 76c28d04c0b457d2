import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { allEntities } from './entities';
import { allMigrations } from './migrations';
import { ensurePrivateDirectory, ensurePrivateFile, restrictFile } from './private-files';

export interface DatabaseSettings {
  /** Folder of the SQLite file when no URL is given. */
  dataDirectory: string;
  /** `postgres://…` for a shared database; unset means SQLite in the data folder. */
  databaseUrl?: string;
  /** SQLite only: `:memory:` for tests. */
  sqliteFile?: string;
  /** How long a writer waits for a lock before failing, in milliseconds. */
  busyTimeoutMs?: number;
}

export const sqliteFileName = 'qwen-proxy.sqlite';

/**
 * TypeORM options for the product's database. Migrations run at boot and `synchronize` stays
 * off: the schema only ever changes through a reviewed migration.
 */
export function createDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const common = {
    entities: allEntities,
    migrations: allMigrations,
    migrationsRun: true,
    synchronize: false,
    logging: false,
  } as const;

  if (settings.databaseUrl) {
    return { ...common, type: 'postgres', url: settings.databaseUrl };
  }

  const file = settings.sqliteFile ?? join(settings.dataDirectory, sqliteFileName);
  if (file !== ':memory:') {
    // SQLite creates its file (and gives its -wal and -shm files the same mode) with the umask's
    // 0644: created here first, owner-only, like the folder.
    ensurePrivateDirectory(settings.dataDirectory);
    ensurePrivateFile(file);
    for (const companion of [`${file}-wal`, `${file}-shm`]) restrictFile(companion);
  }
  // better-sqlite3 waits for a lock synchronously, freezing every request of the process: keep
  // the wait short and let a write that still finds the database locked fail (and be logged).
  const busyTimeoutMs = settings.busyTimeoutMs ?? 1000;
  return {
    ...common,
    type: 'better-sqlite3',
    database: file,
    prepareDatabase: (database: { pragma(source: string): unknown }) => {
      // WAL lets the console read while a stream's rows are written; the busy timeout turns a
      // momentary lock into a short wait instead of SQLITE_BUSY.
      // Incremental auto-vacuum (effective on a new file) lets retention hand freed pages back.
      database.pragma('auto_vacuum = INCREMENTAL');
      if (file !== ':memory:') database.pragma('journal_mode = WAL');
      database.pragma(`busy_timeout = ${busyTimeoutMs}`);
      database.pragma('foreign_keys = ON');
      database.pragma('synchronous = NORMAL');
      // The app checkpoints from a worker thread (WalCheckpointer); SQLite's own checkpoint,
      // inside a commit on the event loop, stays as the backstop at about 40 MB of log.
      database.pragma('wal_autocheckpoint = 10000');
    },
  };
}
