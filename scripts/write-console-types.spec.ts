import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = join(__dirname, '..');
const committed = join(root, 'apps/admin/src/app/core/api/generated/control-api.d.ts');

/** Runs the generator the way `npm run generate:console-types` does, in its own process. */
async function generator(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await promisify(execFile)(process.execPath, ['--require', './scripts/support/register-typescript.cjs', 'scripts/write-console-types.ts', ...args], { cwd: root });
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: failed.code ?? 1, stderr: failed.stderr ?? String(error) };
  }
}

// Builds the Nest application once per run (about 10 s on a busy machine).
jest.setTimeout(120_000);

describe('console types from the OpenAPI document', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'console-types-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('the committed control-api.d.ts is what the control plane documents today (run `npm run generate:console-types` when this fails)', async () => {
    const { code, stderr } = await generator('--check');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('a types file that no longer matches the document fails the check and names the command', async () => {
    const stale = join(scratch, 'stale.d.ts');
    writeFileSync(stale, readFileSync(committed, 'utf8').replace('CredentialViewDto: {', 'CredentialViewDto: {\n            removedField: string;'));
    const { code, stderr } = await generator('--check', '--out', stale);
    expect(code).toBe(1);
    expect(stderr).toContain('npm run generate:console-types');
  });

  it('writes a missing file and leaves an up-to-date one untouched', async () => {
    const fresh = join(scratch, 'fresh.d.ts');
    expect((await generator('--out', fresh)).code).toBe(0);
    expect(readFileSync(fresh, 'utf8')).toBe(readFileSync(committed, 'utf8'));
    const copy = join(scratch, 'copy.d.ts');
    copyFileSync(committed, copy);
    const written = statSync(copy).mtimeMs;
    expect((await generator('--out', copy)).code).toBe(0);
    // Unchanged mtime: `npm start` and the browser tests rebuild the console only when a source is newer.
    expect(statSync(copy).mtimeMs).toBe(written);
  });
});
