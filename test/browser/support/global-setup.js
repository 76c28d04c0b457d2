// Builds the admin console (dist/admin/browser) when its sources are newer than the build, so
// the browser tests always drive what is in apps/admin. About 20 s when it has to build.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..', '..');

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (entry.endsWith('.spec.ts')) continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

module.exports = async function globalSetup() {
  const index = join(root, 'dist/admin/browser/index.html');
  const sources = [join(root, 'apps/admin'), join(root, 'angular.json')];
  const stale = !existsSync(index) || sources.some((source) => newest(source) > statSync(index).mtimeMs);
  if (!stale) return;
  process.stdout.write('\nBuilding the admin console for the browser tests…\n');
  const result = spawnSync('npx', ['ng', 'build', 'admin'], { cwd: root, stdio: 'inherit', env: { ...process.env, NG_CLI_ANALYTICS: 'false' } });
  if (result.status !== 0) throw new Error('npm run build:admin failed: the browser tests need the console build.');
};
