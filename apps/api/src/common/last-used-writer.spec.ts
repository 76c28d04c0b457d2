import { DataSource } from 'typeorm';
import { eventually } from '../../../../test/fakes/qwen/spec-support/eventually';
import { LastUsedWriter } from './last-used-writer';

describe('LastUsedWriter', () => {
  let dataSource: DataSource;
  const storedTime = async (id: string) =>
    ((await dataSource.query('SELECT "last_used_at" AS at FROM "rows" WHERE "id" = ?', [id])) as { at: number | null }[])[0]?.at;

  beforeEach(async () => {
    dataSource = await new DataSource({ type: 'better-sqlite3', database: ':memory:' }).initialize();
    await dataSource.query('CREATE TABLE "rows" ("id" varchar PRIMARY KEY, "last_used_at" bigint)');
    await dataSource.query(`INSERT INTO "rows" ("id", "last_used_at") VALUES ('a', NULL), ('b', 5)`);
  });
  afterEach(() => dataSource.destroy());

  const writer = (intervalMs: number, errors: string[] = []) =>
    new LastUsedWriter({ manager: dataSource.manager, table: 'rows', intervalMs, onError: (id, failure) => errors.push(`${id}: ${String(failure)}`) });

  it('shows a noted time at once and stores only the newest one per row when the interval ends', async () => {
    const lastUsed = writer(20);
    lastUsed.note('a', 100);
    lastUsed.note('a', 200);
    lastUsed.note('b', 300);
    expect(lastUsed.unwritten('a')).toBe(200);
    expect(await storedTime('a')).toBeNull();

    await eventually(() => lastUsed.unwritten('a') === undefined, 5000);
    // Waits for the write the interval started.
    await lastUsed.flush();
    expect(await storedTime('a')).toBe(200);
    expect(await storedTime('b')).toBe(300);
  });

  it('writes what is pending when flushed (at shutdown), without waiting for the interval', async () => {
    const lastUsed = writer(60_000);
    lastUsed.note('b', 42);
    await lastUsed.flush();
    expect(await storedTime('b')).toBe(42);
    expect(lastUsed.unwritten('b')).toBeUndefined();
  });

  it('reports a row it could not write and keeps going with the others', async () => {
    const errors: string[] = [];
    const broken = new LastUsedWriter({ manager: dataSource.manager, table: 'missing', intervalMs: 60_000, onError: (id) => errors.push(id) });
    broken.note('a', 1);
    broken.note('b', 2);
    await expect(broken.flush()).resolves.toBeUndefined();
    expect(errors).toEqual(['a', 'b']);
  });
});
