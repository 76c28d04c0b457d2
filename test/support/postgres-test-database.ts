import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * A fresh PostgreSQL database per test file, on the server `TEST_POSTGRES_URL` names (a role
 * with CREATEDB; `.ci/run` creates one on Debian's cluster). Without that server the team
 * tests cannot run: in CI that is a failure, elsewhere they are skipped with the reason.
 */
export interface PostgresTestDatabase {
  /** `postgres://…/<fresh database>` for `DATABASE_URL`. */
  url: string;
  /** Drops the database, ending whatever connections are still open to it. */
  drop(): Promise<void>;
}

const serverUrlVariable = 'TEST_POSTGRES_URL';

export type PostgresAvailability = { available: true; serverUrl: string } | { available: false; reason: string };

let availability: Promise<PostgresAvailability> | undefined;

/** Whether the PostgreSQL server of `TEST_POSTGRES_URL` answers; checked once per test file. */
export function postgresAvailability(): Promise<PostgresAvailability> {
  availability ??= probe();
  return availability;
}

async function probe(): Promise<PostgresAvailability> {
  const serverUrl = process.env[serverUrlVariable];
  if (!serverUrl) return { available: false, reason: `${serverUrlVariable} is not set (e.g. postgres://user:password@127.0.0.1:5432/postgres, a role with CREATEDB)` };
  const client = new Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { available: true, serverUrl };
  } catch (error) {
    return { available: false, reason: `${serverUrlVariable} does not answer: ${(error as Error).message}` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates an empty database on the test server; the name is random so that parallel files never meet. */
export async function createPostgresTestDatabase(): Promise<PostgresTestDatabase> {
  const state = await postgresAvailability();
  if (!state.available) throw new Error(`PostgreSQL is not available for the team tests: ${state.reason}`);
  const name = `qwen_proxy_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await onServer(state.serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(state.serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(state.serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function onServer<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * `describe` for tests that need PostgreSQL. Without a server: in CI (`CI=true`) the suite fails
 * with the reason, elsewhere it is skipped with the reason printed, so a developer without
 * PostgreSQL can still run `npm test`.
 */
export function describeWithPostgres(name: string, body: () => void): void {
  const configured = Boolean(process.env[serverUrlVariable]);
  if (!configured && process.env['CI'] !== 'true') {
    describe.skip(`${name} (skipped: ${serverUrlVariable} is not set; CI sets it)`, body);
    return;
  }
  describe(name, () => {
    beforeAll(async () => {
      const state = await postgresAvailability();
      if (!state.available) throw new Error(`PostgreSQL is required here: ${state.reason}`);
    });
    body();
  });
}
