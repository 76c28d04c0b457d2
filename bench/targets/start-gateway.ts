import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildService, freePort, startChildService } from './child-service';
import { benchQwenCredentials } from './qwen-credentials';

export interface RunningGateway {
  service: ChildService;
  proxyOrigin: string;
  routerOrigin: string;
  controlOrigin: string;
  dataDirectory: string;
  /** For the control API and /metrics. */
  adminToken: string;
}

const repositoryRoot = join(__dirname, '..', '..');
export const gatewayEntry = join(repositoryRoot, 'dist', 'apps', 'api', 'src', 'main.js');

/**
 * Runs the built product the way users do (`node dist/…/main.js`, request logging with bodies
 * on), in a fresh data folder, then sets it up for load through its control API: enough Qwen
 * accounts for the concurrency (each serves at most 64 at once) and the OpenAI-compatible mock
 * as a provider of `bench-model` on the router.
 */
export async function startGateway(options: {
  qwenOrigin: string;
  openAiOrigin: string;
  qwenConcurrency: number;
  /** Extra Node flags, e.g. `--cpu-prof` for bench/profile.ts. */
  nodeArguments?: string[];
  /** Extra environment, e.g. `OTEL_EXPORTER_OTLP_ENDPOINT` for bench/tracing-cost.ts. */
  environment?: Record<string, string>;
}): Promise<RunningGateway> {
  if (!existsSync(gatewayEntry)) throw new Error(`${gatewayEntry} is missing: run \`npm run build\` first`);
  const [proxyPort, routerPort, controlPort] = [await freePort(), await freePort(), await freePort()];
  const dataDirectory = mkdtempSync(join(tmpdir(), 'qwen-proxy-bench-'));
  const seed = benchQwenCredentials(0);
  const started = await startChildService({
    name: 'qwen-proxy',
    command: process.execPath,
    args: [...(options.nodeArguments ?? []), gatewayEntry],
    cwd: repositoryRoot,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PROXY_PORT: String(proxyPort),
      ROUTER_PORT: String(routerPort),
      CONTROL_PORT: String(controlPort),
      DATA_DIR: dataDirectory,
      QWEN_BASE_URL: options.qwenOrigin,
      QWEN_TOKEN: seed.token,
      QWEN_COOKIES: seed.cookies,
      LOG_LEVEL: 'warn',
      LOG_BODIES: 'true',
      // Tracing's cost is measured by setting it for the bench (see bench/mocks/otlp-sink.ts).
      ...(process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? { OTEL_EXPORTER_OTLP_ENDPOINT: process.env.OTEL_EXPORTER_OTLP_ENDPOINT } : {}),
      ...options.environment,
    },
    ready: /Qwen Proxy is running/,
    timeoutMs: 60_000,
  });
  // A run writes thousands of rows with bodies: its database goes with the gateway.
  const service: ChildService = {
    ...started,
    stop: async () => {
      await started.stop();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
  const gateway: RunningGateway = {
    service,
    proxyOrigin: `http://127.0.0.1:${proxyPort}`,
    routerOrigin: `http://127.0.0.1:${routerPort}`,
    controlOrigin: `http://127.0.0.1:${controlPort}`,
    dataDirectory,
    adminToken: readFileSync(join(dataDirectory, 'admin-token'), 'utf8').trim(),
  };
  await configureForLoad(gateway, options);
  return gateway;
}

const maximumAccountConcurrency = 64;

async function configureForLoad(
  gateway: RunningGateway,
  options: { openAiOrigin: string; qwenConcurrency: number },
): Promise<void> {
  const control = async (method: string, path: string, body: unknown) => {
    const response = await fetch(gateway.controlOrigin + path, {
      method,
      headers: { authorization: `Bearer ${gateway.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  };
  await control('PATCH', '/api/settings', { accountConcurrency: maximumAccountConcurrency });
  const accounts = Math.ceil(options.qwenConcurrency / maximumAccountConcurrency);
  for (let accountNumber = 1; accountNumber < accounts; accountNumber++) {
    await control('POST', '/api/credentials', { ...benchQwenCredentials(accountNumber), label: `bench-${accountNumber}` });
  }
  await control('POST', '/api/providers', {
    name: 'bench-openai-mock',
    type: 'openai-compatible',
    baseUrl: `${options.openAiOrigin}/v1`,
    models: ['bench-model'],
  });
}
