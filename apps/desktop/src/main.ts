import { join } from 'node:path';
import { startInProcessApi } from './api/in-process-api';
import { DesktopApp } from './app/desktop-app';
import { consoleLogger } from './desktop-logger';
import { loadElectronPorts } from './electron-facade';

// Compiled to dist/apps/desktop/src/main.js; the repository (or the packaged app) root is four levels up.
const applicationRoot = join(__dirname, '..', '..', '..', '..');

function electronPorts(): ReturnType<typeof loadElectronPorts> {
  try {
    return loadElectronPorts();
  } catch (error) {
    consoleLogger.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

const desktop = new DesktopApp({
  ...electronPorts(),
  startApi: startInProcessApi,
  logger: consoleLogger,
  // The composition root is the one place that reads the process environment.
  environment: { ...process.env },
  preloadPath: join(__dirname, 'preload.js'),
  trayIconPath: join(applicationRoot, 'apps', 'desktop', 'assets', 'tray-icon.png'),
});

desktop.run().catch((error: unknown) => {
  consoleLogger.error(`Qwen Proxy stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
