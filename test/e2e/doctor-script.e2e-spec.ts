import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestStack, type TestStack } from './support/test-stack';

const run = promisify(execFile);
const root = join(__dirname, '..', '..');

/** `npm run doctor` (scripts/doctor.ts) against the fake: a stored account, then flags; nothing secret printed. */
describe('npm run doctor', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  const doctor = (args: string[], environment: Record<string, string> = {}) =>
    run(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'scripts', 'doctor.ts'), ...args], {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', DATA_DIR: stack.dataDirectory, QWEN_BASE_URL: stack.fake.url, LOG_LEVEL: 'silent', ...environment },
      timeout: 60_000,
    }).catch((failure: { stdout: string; stderr: string; code: number }) => failure);

  function expectNoSecret(output: string): void {
    expect(output).not.toContain(stack.account.token);
    for (const cookie of stack.account.cookies.split('; ')) {
      const value = cookie.slice(cookie.indexOf('=') + 1);
      if (value.length >= 6) expect(output).not.toContain(value);
    }
  }

  it('probes the stored account and exits 0 when every step passes', async () => {
    const result = await doctor([]);
    expect(result.stdout).toMatch(/Account: environment/);
    expect(result.stdout).toMatch(/7\. OK {3}delete the chat/);
    expect(result.stdout).toMatch(/All steps passed\./);
    expectNoSecret(result.stdout + result.stderr);
  });

  it('takes --cookies, prints JSON with --json, and exits 1 when a step fails', async () => {
    const expired = stack.fake.issueAccount({ expiresInSeconds: -60 });
    const result = (await doctor(['--cookies', expired.cookies, '--json'])) as { stdout: string; code?: number };
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { ok: boolean; steps: { classification: string }[] };
    expect(report.ok).toBe(false);
    expect(report.steps[1]!.classification).toBe('qwen_token_expired');
    expect(result.stdout).not.toContain(expired.token);
  });
});
