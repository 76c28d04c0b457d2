import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../../../test/fakes/qwen/spec-support/eventually';
import { WalCheckpointer } from './wal-checkpointer';

describe('WalCheckpointer', () => {
  let directory: string;
  let file: string;
  let database: Database.Database;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'wal-checkpointer-'));
    file = join(directory, 'test.sqlite');
    database = new Database(file);
    database.pragma('journal_mode = WAL');
    // Only the worker may move the log into the file in this test.
    database.pragma('wal_autocheckpoint = 0');
    database.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT)');
  });
  afterEach(() => {
    database.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const writeRows = (count: number) => {
    const insert = database.prepare('INSERT INTO rows (body) VALUES (?)');
    for (let index = 0; index < count; index++) insert.run('x'.repeat(2000));
  };

  it('copies committed pages from the log into the database file from its worker', async () => {
    writeRows(500);
    const sizeBefore = statSync(file).size;
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(1_000_000);
    const checkpointer = new WalCheckpointer({ file, intervalMs: 10 });
    checkpointer.start();
    await eventually(() => statSync(file).size > sizeBefore + 900_000, 10_000);
    await checkpointer.stop();
    // The main connection still reads and writes as before.
    writeRows(1);
    expect(database.prepare('SELECT count(*) AS count FROM rows').get()).toEqual({ count: 501 });
  });

  it('checkpoints once more when stopped, and stopping twice is harmless', async () => {
    const checkpointer = new WalCheckpointer({ file, intervalMs: 60_000 });
    checkpointer.start();
    writeRows(300);
    const sizeBefore = statSync(file).size;
    await checkpointer.stop();
    await checkpointer.stop();
    expect(statSync(file).size).toBeGreaterThan(sizeBefore + 500_000);
  });

  it('reports a database it cannot open instead of failing silently', async () => {
    const errors: string[] = [];
    const checkpointer = new WalCheckpointer({ file: join(directory, 'missing.sqlite'), intervalMs: 10, onError: (message) => errors.push(message) });
    checkpointer.start();
    await eventually(() => errors.length > 0, 10_000);
    expect(errors[0]).toMatch(/unable to open|does not exist|SQLITE_CANTOPEN|directory does not exist/i);
    await checkpointer.stop();
  });
});
