import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type ChildService, freePort, startChildService } from './child-service';

const benchDirectory = join(__dirname, '..');
const portkeyEntry = join(benchDirectory, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');

/**
 * The peer gateway, from the bench's own package (bench/package.json pins it and the
 * `@hono/node-server` version its streaming needs), installed on first use.
 */
export async function startPortkey(): Promise<{ service: ChildService; origin: string }> {
  if (!existsSync(portkeyEntry)) {
    process.stdout.write('Installing the peer gateway into bench/node_modules (npm install --prefix bench)…\n');
    execFileSync('npm', ['install', '--prefix', benchDirectory, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  }
  const port = await freePort();
  const service = await startChildService({
    name: 'portkey',
    command: process.execPath,
    args: [portkeyEntry, `--port=${port}`],
    cwd: benchDirectory,
    ready: /Ready for connections/,
  });
  return { service, origin: `http://127.0.0.1:${port}` };
}
