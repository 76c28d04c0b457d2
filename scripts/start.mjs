#!/usr/bin/env node
// `npm start`: build when the sources are newer than the build (or there is none), then run the
// API in this process's place. Keeps the Quick Start at two commands on a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist/apps/api/src/main.js');
const sourceFolders = ['apps/api/src', 'libs'].map((folder) => join(root, folder));

function newestSource(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(entry) || sourceFolders.some((folder) => newestSource(folder) > statSync(entry).mtimeMs);
if (stale) {
  console.log('Building Qwen Proxy…');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// The admin console (apps/admin → dist/admin/browser), served by the control plane at `/`.
const consoleIndex = join(root, 'dist/admin/browser/index.html');
function newestFile(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) if (!name.endsWith('.spec.ts')) newest = Math.max(newest, newestFile(join(path, name)));
  return newest;
}
const consoleSources = [join(root, 'apps/admin'), join(root, 'angular.json')].filter((path) => existsSync(path));
const consoleStale = consoleSources.length > 0 && (!existsSync(consoleIndex) || consoleSources.some((path) => newestFile(path) > statSync(consoleIndex).mtimeMs));
if (!stale && consoleStale) {
  console.log('Building the admin console…');
  const build = spawnSync('npm', ['run', '--silent', 'build:admin'], { cwd: root, stdio: 'inherit', env: { ...process.env, NG_CLI_ANALYTICS: 'false' } });
  if (build.status !== 0) console.warn('The admin console did not build: the API still starts; run `npm run build:admin` to see why.');
}
await import(entry);
