import { Logger } from '@nestjs/common';
import { isLoopbackHost, loadConfig } from './config/app-config';
import { ApiKeyAccessService } from './api-keys/api-key-access.service';
import { startApplication } from './bootstrap';
import { limitHeapGrowth } from './heap-growth';

async function main(): Promise<void> {
  limitHeapGrowth();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const logger = new Logger('QwenProxy');
  const running = await startApplication(config).catch((error: unknown) => {
    console.error(`Qwen Proxy could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
  if (!isLoopbackHost(config.host)) {
    logger.warn(`Listening on ${config.host}, reachable from other machines: protect it with API keys and keep the admin token secret.`);
  }
  // Said as it is now: open mode (any key) or keys required, and why.
  const access = running.app.get(ApiKeyAccessService).mode();
  const lines = [
    '',
    'Qwen Proxy is running.',
    `  OpenAI-compatible API: ${running.proxyUrl}/v1   (${access.keysRequired ? 'API key required' : 'any API key'}; GET /v1/models lists the account's models)`,
    `  Provider router:       ${running.routerUrl}/v1   (every enabled provider, by model)`,
    `  Admin console:         ${running.controlUrl}/?token=${running.adminToken}`,
    `  Control API + Swagger: ${running.controlUrl}/docs`,
    `  Admin token:           ${running.adminToken}   (Authorization: Bearer … on ${running.controlUrl}/api/*)`,
    `  Data:                  ${config.dataDirectory}`,
    `  API keys:              ${access.message}`,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  const shutdown = (signal: string) => {
    logger.log(`${signal} received, finishing open requests…`);
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
