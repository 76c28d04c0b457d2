import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSourceOptions, sqliteFileName } from './data-source-options';
import { RequestEntity, ResponseEntity, SessionEntity, SessionTurnEntity } from './entities';
import { allMigrations } from './migrations';
import { loadOrCreateSecretKey, secretKeyFileName } from './secret-key';

describe(createDataSourceOptions.name, () => {
  let dataDirectory: string;
  let sut: DataSource;

  beforeEach(async () => {
    dataDirectory = mkdtempSync(join(tmpdir(), 'persistence-'));
    sut = await new DataSource(createDataSourceOptions({ dataDirectory })).initialize();
  });

  afterEach(async () => {
    if (sut.isInitialized) await sut.destroy();
    rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('creates the SQLite file in the data folder with WAL, foreign keys and a busy timeout', async () => {
    expect(statSync(join(dataDirectory, sqliteFileName)).isFile()).toBe(true);
    expect(await sut.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await sut.query('PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await sut.query('PRAGMA busy_timeout')).toEqual([{ timeout: 1000 }]);
  });

  it('keeps the data folder owner-only (0700) and the database with its log and key files 0600, whatever the umask', async () => {
    const nested = join(dataDirectory, 'data');
    const previousUmask = process.umask(0o022);
    try {
      const database = await new DataSource(createDataSourceOptions({ dataDirectory: nested })).initialize();
      await database.query('CREATE TABLE probe (id INTEGER)');
      loadOrCreateSecretKey(nested);
      expect(statSync(nested).mode & 0o777).toBe(0o700);
      for (const file of [sqliteFileName, `${sqliteFileName}-wal`, `${sqliteFileName}-shm`, secretKeyFileName]) {
        expect({ file, mode: (statSync(join(nested, file)).mode & 0o777).toString(8) }).toEqual({ file, mode: '600' });
      }
      await database.destroy();
    } finally {
      process.umask(previousUmask);
    }
  });

  it('runs the migrations at boot and records them', async () => {
    const tables = (await sut.query("SELECT name FROM sqlite_master WHERE type = 'table'")).map((row: { name: string }) => row.name);
    expect(tables).toEqual(
      expect.arrayContaining(['qwen_credentials', 'sessions', 'session_turns', 'requests', 'responses', 'models', 'providers', 'settings', 'migrations']),
    );
    expect(await sut.showMigrations()).toBe(false);
  });

  it('keeps milliseconds as numbers and cascades a session to its turns', async () => {
    const now = 1_772_726_060_123;
    await sut.getRepository(SessionEntity).insert({
      id: 's1', provider: 'qwen-web', credentialId: null, upstreamChatId: 'chat', model: 'qwen3-max',
      explicitKey: null, title: 't', turnCount: 1, lastResponseId: 'r1', closedAt: null, createdAt: now, lastUsedAt: now,
    });
    await sut.getRepository(SessionTurnEntity).insert({ id: 't1', sessionId: 's1', historyHash: 'h', upstreamResponseId: 'r1', requestId: null, createdAt: now });
    const stored = await sut.getRepository(SessionEntity).findOneByOrFail({ id: 's1' });
    expect(stored.createdAt).toBe(now);
    await sut.getRepository(SessionEntity).delete({ id: 's1' });
    expect(await sut.getRepository(SessionTurnEntity).count()).toBe(0);
  });

  it('refuses a response row for a request that does not exist', async () => {
    await expect(
      sut.getRepository(ResponseEntity).insert({ requestId: 'missing', statusCode: 200, durationMs: 1, completedAt: 1 }),
    ).rejects.toThrow(/FOREIGN KEY/);
    await sut.getRepository(RequestEntity).insert({ id: 'r', listener: 'proxy', surface: 'openai-chat', model: 'm', stream: false, startedAt: 1 });
    await sut.getRepository(ResponseEntity).insert({ requestId: 'r', statusCode: 200, durationMs: 1, completedAt: 1 });
  });

  it('undoes every migration with down', async () => {
    for (let count = 0; count < allMigrations.length; count++) await sut.undoLastMigration();
    const tables = (await sut.query("SELECT name FROM sqlite_master WHERE type = 'table'")).map((row: { name: string }) => row.name);
    expect(tables).not.toContain('sessions');
    expect(tables).not.toContain('requests');
  });
});
