import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateElectron } from '../../apps/desktop/scripts/electron-location';

/**
 * Launches the real desktop app under Xvfb and checks that the control plane answers and the
 * console window loaded. Without an Electron binary (our machines cannot download one) it
 * reports that it was skipped: the only test allowed to skip.
 */
const root = join(__dirname, '..', '..');
const electron = locateElectron();
const describeWithElectron = electron.found ? describe : describe.skip;
const electronBinary = electron.found ? electron.binary : '';

if (!electron.found) {
  console.log(`desktop smoke test skipped: ${electron.reason}`);
}

describeWithElectron('desktop app smoke test (real Electron under Xvfb)', () => {
  jest.setTimeout(180_000);
  let home: string;
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(() => {
    const build = spawnSync('npm', ['run', '--silent', 'build:desktop'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build:desktop failed:\n${build.stdout}\n${build.stderr}`);
    home = mkdtempSync(join(tmpdir(), 'qwen-desktop-smoke-'));
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(home, { recursive: true, force: true });
  });

  it('starts the API in-process and shows the console', async () => {
    const controlPort = await freePort();
    const main = join(root, 'dist', 'apps', 'desktop', 'src', 'main.js');
    const electronArguments = [main, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
    const [command, commandArguments] = process.env.DISPLAY
      ? [electronBinary, electronArguments]
      : ['xvfb-run', ['-a', electronBinary, ...electronArguments]];
    if (!process.env.DISPLAY && spawnSync('which', ['xvfb-run']).status !== 0) {
      throw new Error('An Electron binary is here but neither DISPLAY nor xvfb-run: apt-get install -y xvfb');
    }

    child = spawn(command, commandArguments, {
      cwd: root,
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        DATA_DIR: join(home, 'data'),
        CONTROL_PORT: String(controlPort),
        PROXY_PORT: '0',
        ROUTER_PORT: '0',
        QWEN_BASE_URL: 'http://127.0.0.1:9',
        ELECTRON_ENABLE_LOGGING: '1',
      },
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

    await waitFor(() => output.includes('Console window loaded'), 120_000, () => output);

    const health = await fetch(`http://127.0.0.1:${controlPort}/health`);
    expect(health.status).toBe(200);
    expect(existsSync(join(home, 'data'))).toBe(true);
    expect(output).toContain(`Console window loaded http://127.0.0.1:${controlPort}/`);
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs: number, describeState: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out; app output so far:\n${describeState()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
