import type * as Electron from 'electron';
import { join } from 'node:path';
import type {
  AppPort,
  BrowserSessionPort,
  DialogPort,
  IpcPort,
  SafeStoragePort,
  SessionFactory,
  ShellPort,
  TrayFactory,
  TrayMenuItem,
  WindowFactory,
  WindowPort,
} from './ports/electron-ports';

export interface ElectronPorts {
  app: AppPort;
  dialog: DialogPort;
  ipc: IpcPort;
  windows: WindowFactory;
  trays: TrayFactory;
  sessions: SessionFactory;
  safeStorage: SafeStoragePort;
  shell: ShellPort;
}

/**
 * The only file that touches the `electron` module, required lazily: in plain Node (tests, tsc,
 * installs without the binary) `require('electron')` is a path string or throws.
 */
export function loadElectronPorts(): ElectronPorts {
  let electron: typeof Electron | string | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: loaded only inside Electron
    electron = require('electron') as typeof Electron;
  } catch {
    electron = undefined;
  }
  if (typeof electron !== 'object' || !electron.app) {
    throw new Error('The desktop main process must run inside Electron (npm run desktop:dev), not plain Node.');
  }
  const { app, BrowserWindow, Menu, Tray, dialog, ipcMain, nativeImage, safeStorage, session, shell } = electron;
  // One stable data folder whether started from the build (`electron dist/…`) or packaged.
  app.setPath('userData', join(app.getPath('appData'), 'Qwen Proxy'));

  return {
    app: {
      version: app.getVersion(),
      userDataPath: () => app.getPath('userData'),
      requestSingleInstanceLock: () => app.requestSingleInstanceLock(),
      whenReady: () => app.whenReady(),
      onSecondInstance: (listener) => void app.on('second-instance', () => listener()),
      onWindowAllClosed: (listener) => void app.on('window-all-closed', () => listener()),
      onActivate: (listener) => void app.on('activate', () => listener()),
      onBeforeQuit: (listener) => void app.on('before-quit', (event) => listener(event)),
      quit: () => app.quit(),
      exit: (code) => app.exit(code),
    },
    dialog: { showError: (title, message) => dialog.showErrorBox(title, message) },
    ipc: {
      handle: (channel, handler) =>
        ipcMain.handle(channel, (event, ...args: unknown[]) => handler({ url: event.senderFrame?.url ?? '' }, ...args)),
    },
    windows: {
      create: (options) =>
        windowPort(
          new BrowserWindow({
            title: options.title,
            width: options.width,
            height: options.height,
            show: options.show,
            webPreferences: {
              // The renderer gets no Node: only what the preload's bridge exposes.
              contextIsolation: true,
              nodeIntegration: false,
              sandbox: true,
              preload: options.preloadPath,
              partition: options.partition,
              additionalArguments: options.additionalArguments,
            },
          }),
        ),
    },
    trays: {
      create: (iconPath) => {
        const tray = new Tray(nativeImage.createFromPath(iconPath).resize({ width: 16, height: 16 }));
        return {
          setToolTip: (text) => tray.setToolTip(text),
          setContextMenu: (items: TrayMenuItem[]) =>
            tray.setContextMenu(
              Menu.buildFromTemplate(
                items.map((item) => (item.separator ? { type: 'separator' as const } : { label: item.label, enabled: item.enabled ?? true, click: item.click })),
              ),
            ),
          onClick: (listener) => void tray.on('click', () => listener()),
          destroy: () => tray.destroy(),
        };
      },
    },
    sessions: { fromPartition: (partition) => sessionPort(session.fromPartition(partition)) },
    safeStorage: {
      isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
      selectedStorageBackend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined),
      encryptString: (text) => safeStorage.encryptString(text),
      decryptString: (encrypted) => safeStorage.decryptString(encrypted),
    },
    shell: { openExternal: (url) => shell.openExternal(url) },
  };
}

function windowPort(window: Electron.BrowserWindow): WindowPort {
  const contents = window.webContents;
  return {
    loadUrl: (url) => window.loadURL(url),
    show: () => window.show(),
    hide: () => window.hide(),
    focus: () => window.focus(),
    restoreIfMinimized: () => {
      if (window.isMinimized()) window.restore();
    },
    close: () => window.close(),
    isDestroyed: () => window.isDestroyed(),
    onClose: (listener) => void window.on('close', (event) => listener(event)),
    onClosed: (listener) => void window.on('closed', () => listener()),
    onFinishLoad: (listener) => void contents.on('did-finish-load', () => listener()),
    onWillNavigate: (listener) => void contents.on('will-navigate', (event, url) => listener(event, url)),
    setWindowOpenHandler: (handler) => contents.setWindowOpenHandler(({ url }) => (handler(url) ? { action: 'allow' } : { action: 'deny' })),
    send: (channel, payload) => contents.send(channel, payload),
  };
}

function sessionPort(browserSession: Electron.Session): BrowserSessionPort {
  return {
    cookies: (domain) => browserSession.cookies.get({ domain }),
    onCookieChanged: (listener) => {
      const forward = (_event: Electron.Event, cookie: Electron.Cookie, _cause: string, removed: boolean) => listener({ cookie, removed });
      browserSession.cookies.on('changed', forward);
      return () => void browserSession.cookies.removeListener('changed', forward);
    },
    getUserAgent: () => browserSession.getUserAgent(),
    setUserAgent: (userAgent) => browserSession.setUserAgent(userAgent),
    clearStorageData: () => browserSession.clearStorageData(),
  };
}
