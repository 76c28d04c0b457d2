import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A process the harness started and must stop, with what it printed (for failure reports). */
export interface ChildService {
  name: string;
  child: ChildProcess;
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts a process and resolves once `ready` matches its accumulated stdout+stderr, or rejects
 * with what it printed if it exits or stays silent past `timeoutMs`.
 */
export function startChildService(options: {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  ready: RegExp;
  timeoutMs?: number;
}): Promise<ChildService> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  // Keep only the tail: a gateway logging warnings under load must not grow the harness.
  const remember = (part: Buffer) => {
    printed = (printed + part.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  const service: ChildService = {
    name: options.name,
    child,
    pid: child.pid ?? -1,
    output: () => printed,
    stop: () => stopChild(child),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stopChild(child);
      reject(new Error(`${options.name} did not start within ${options.timeoutMs ?? 30_000} ms:\n${printed}`));
    }, options.timeoutMs ?? 30_000);
    const check = () => {
      if (options.ready.test(printed)) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        child.stderr?.off('data', check);
        resolve(service);
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with ${code} before it was ready:\n${printed}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A port nobody listens on right now (the kernel picks it; a race is possible but rare on loopback). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
