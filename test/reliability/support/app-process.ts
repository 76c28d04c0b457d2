import { type ChildProcess, spawn } from 'node:child_process';
import type { FakeQwen } from '../../fakes/qwen';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

export interface AppProcess {
  child: ChildProcess;
  proxyUrl: string;
  routerUrl: string;
  /** The control plane (`/api`, `/health`, `/metrics`). */
  controlUrl: string;
  adminToken: string;
  /** Everything the process wrote, for a failure message. */
  output(): string;
  /** Resolves with the exit code or signal once the process is gone. */
  exited: Promise<string>;
}

/**
 * The real app (`apps/api/src/main.ts`) as a child process, so that it can be killed like a real
 * one. Resolves once it printed its endpoints.
 */
export function startAppProcess(environment: Record<string, string>, timeoutMs = 60_000): Promise<AppProcess> {
  const child = spawn(process.execPath, ['-r', join(__dirname, 'typescript-register.cjs'), join(root, 'apps/api/src/main.ts')], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The app did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onOutput = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const proxyUrl = /OpenAI-compatible API: (http:\/\/\S+)\/v1/.exec(output)?.[1];
      const routerUrl = /Provider router:\s+(http:\/\/\S+)\/v1/.exec(output)?.[1];
      const adminToken = /Admin token:\s+(\S+)/.exec(output)?.[1];
      const controlUrl = /Control API \+ Swagger:\s+(http:\/\/\S+)\/docs/.exec(output)?.[1];
      if (proxyUrl && routerUrl && adminToken && controlUrl) {
        clearTimeout(timer);
        child.stdout!.off('data', onOutput);
        child.stdout!.on('data', (more: Buffer) => (output += more.toString('utf8')));
        resolve({ child, proxyUrl, routerUrl, controlUrl, adminToken, output: () => output, exited });
      }
    };
    child.stdout!.on('data', onOutput);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`The app exited (${how}) before it started:\n${output}`));
    });
  });
}

/** The app on free loopback ports, in its own data folder, answering from the fake with a fresh account. */
export function appProcessEnvironment(fake: FakeQwen, dataDirectory: string, logLevel: string): Record<string, string> {
  const account = fake.issueAccount();
  return {
    HOST: '127.0.0.1',
    PROXY_PORT: '0',
    ROUTER_PORT: '0',
    CONTROL_PORT: '0',
    DATA_DIR: dataDirectory,
    QWEN_BASE_URL: fake.url,
    QWEN_TOKEN: account.token,
    QWEN_COOKIES: account.cookies,
    LOG_LEVEL: logLevel,
  };
}

/** For `afterAll`: a process a failed test left running is killed. */
export async function killIfRunning(app: AppProcess | undefined): Promise<void> {
  if (app && app.child.exitCode === null && app.child.signalCode === null) {
    app.child.kill('SIGKILL');
    await app.exited;
  }
}
