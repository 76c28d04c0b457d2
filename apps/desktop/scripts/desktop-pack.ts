// `npm run desktop:pack`: packages the built app with electron-builder for this platform
// (arguments are passed on, e.g. `-- --linux AppImage deb`). It never lets electron-builder
// download Electron: without a local Electron folder it stops and says why.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { locateElectron } from './electron-location';

const root = join(__dirname, '..', '..', '..');
const electron = locateElectron();
if (!electron.found) {
  console.error(`desktop:pack needs a local Electron to package: ${electron.reason}`);
  process.exit(1);
}
const consoleIndex = join(root, 'dist', 'admin', 'browser', 'index.html');
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
if (!existsSync(consoleIndex) && scripts['build:admin']) {
  // The window shows the same console build as the browser: without it the app is an empty frame.
  const admin = spawnSync('npm', ['run', 'build:admin'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (admin.status !== 0) process.exit(admin.status ?? 1);
}
for (const built of [join('dist', 'apps', 'desktop', 'src', 'main.js'), join('dist', 'admin', 'browser', 'index.html')]) {
  if (!existsSync(join(root, built))) {
    console.error(`desktop:pack: ${built} is missing. Run npm run build:desktop${built.includes('admin') ? ' and the admin console build' : ''} first.`);
    process.exit(1);
  }
}
const builder = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder');
const result = spawnSync(builder, ['--config', join('apps', 'desktop', 'electron-builder.yml'), `-c.electronDist=${electron.distFolder}`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
