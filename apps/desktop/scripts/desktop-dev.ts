// `npm run desktop:dev`: runs the built desktop app (npm run build:desktop ran first) in Electron.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { locateElectron } from './electron-location';

const root = join(__dirname, '..', '..', '..');
const electron = locateElectron();
if (!electron.found) {
  console.error(`desktop:dev cannot start Electron: ${electron.reason}`);
  process.exit(1);
}
const child = spawn(electron.binary, [join(root, 'dist', 'apps', 'desktop', 'src', 'main.js'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
