import { spawn } from 'node:child_process';

export interface AgentOutcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
}

/**
 * Runs a CLI to completion (asynchronously: the product runs in this same process), with no
 * standard input, in its own process group so a timeout ends it and every child it started.
 */
export function runAgent(executable: string, args: string[], options: { cwd: string; environment: Record<string, string>; timeoutMs: number }): Promise<AgentOutcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(executable, args, { cwd: options.cwd, env: options.environment, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, options.timeoutMs);
    child.on('error', (error) => {
      stderr += `\nspawn failed: ${error.message}`;
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, stdout, stderr, timedOut, durationMs: Date.now() - started });
    });
  });
}
