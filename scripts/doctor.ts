/*
 * `npm run doctor`: a live, step-by-step probe of chat.qwen.ai with one real account (homepage
 * and version, token, models, chats/new, a one-word completion, stop, delete), redacted. Thin:
 * the probe is `runUpstreamDoctor` in libs/qwen; this reads the same configuration as the app.
 *
 *   npm run doctor                          # QWEN_TOKEN/QWEN_COOKIES, else the first stored account
 *   npm run doctor -- --account <id|label>  # a stored account
 *   npm run doctor -- --cookies '…' [--token …] [--model qwen3.7-plus] [--json]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { createDataSourceOptions, loadOrCreateSecretKey, SecretCipher, sqliteFileName } from '@qwen-proxy/persistence';
import { formatDoctorReport, runUpstreamDoctor, tokenFromCookies, withoutStaleCapturedHeaders, type QwenCredentials } from '@qwen-proxy/qwen';
import { type AppConfig, loadConfig } from '../apps/api/src/config/app-config';
import { qwenClientOptionsOf } from '../apps/api/src/qwen/qwen-client-config';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      token: { type: 'string' },
      cookies: { type: 'string' },
      account: { type: 'string' },
      model: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const config = loadConfig();
  const credentials = await credentialsFor(config, values);
  if (!credentials) {
    process.stderr.write('No account to probe: pass --cookies (and --token), set QWEN_TOKEN/QWEN_COOKIES, or connect one first.\n');
    return 2;
  }
  const report = await runUpstreamDoctor({
    client: qwenClientOptionsOf(config),
    credentials: credentials.credentials,
    model: values.model,
    signal: AbortSignal.timeout(120_000),
  });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `Account: ${credentials.label}\n${formatDoctorReport(report)}\n`);
  return report.ok ? 0 : 1;
}

interface Chosen {
  label: string;
  credentials: QwenCredentials;
}

async function credentialsFor(config: AppConfig, flags: { token?: string; cookies?: string; account?: string }): Promise<Chosen | undefined> {
  if (flags.cookies || flags.token) {
    const cookies = flags.cookies ?? `token=${flags.token}`;
    return { label: 'from --cookies/--token', credentials: { token: flags.token ?? tokenFromCookies(cookies) ?? '', cookies } };
  }
  if (!flags.account && (config.qwen.token || config.qwen.cookies)) {
    const cookies = config.qwen.cookies ?? `token=${config.qwen.token}`;
    return { label: 'QWEN_TOKEN/QWEN_COOKIES', credentials: { token: config.qwen.token ?? tokenFromCookies(cookies) ?? '', cookies } };
  }
  return storedAccount(config, flags.account);
}

interface StoredRow {
  id: string;
  label: string;
  status: string;
  token_encrypted: string;
  cookies_encrypted: string;
  bx_ua_encrypted: string | null;
  bx_umidtoken_encrypted: string | null;
  bx_captured_at: number | string | null;
  bx_v: string | null;
  user_agent: string | null;
}

/** A stored account, read-only (no migration runs, nothing is written). */
async function storedAccount(config: AppConfig, wanted?: string): Promise<Chosen | undefined> {
  if (!config.databaseUrl && !existsSync(join(config.dataDirectory, sqliteFileName))) return undefined;
  const dataSource = new DataSource({ ...createDataSourceOptions({ dataDirectory: config.dataDirectory, databaseUrl: config.databaseUrl }), migrationsRun: false });
  await dataSource.initialize();
  try {
    const rows = (await dataSource.query('SELECT * FROM qwen_credentials ORDER BY created_at')) as StoredRow[];
    const row = wanted ? rows.find((candidate) => candidate.id === wanted || candidate.label === wanted) : (rows.find((candidate) => candidate.status === 'valid') ?? rows[0]);
    if (!row) return undefined;
    const cipher = new SecretCipher(loadOrCreateSecretKey(config.dataDirectory, config.secretKey));
    const credentials: QwenCredentials = {
      token: cipher.decrypt(row.token_encrypted),
      cookies: cipher.decrypt(row.cookies_encrypted),
      bxUa: row.bx_ua_encrypted ? cipher.decrypt(row.bx_ua_encrypted) : undefined,
      bxUmidtoken: row.bx_umidtoken_encrypted ? cipher.decrypt(row.bx_umidtoken_encrypted) : undefined,
      bxV: row.bx_v ?? undefined,
      userAgent: row.user_agent ?? undefined,
    };
    const capturedAt = row.bx_captured_at === null || row.bx_captured_at === undefined ? null : Number(row.bx_captured_at);
    // Probe what the proxy would send: stale captured headers are left out there too.
    return { label: `${row.label} (${row.id})`, credentials: withoutStaleCapturedHeaders(credentials, capturedAt, Date.now(), config.qwen.capturedHeaderMaxAge).credentials };
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`doctor failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
