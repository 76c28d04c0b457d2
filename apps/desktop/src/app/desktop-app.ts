import type { DesktopApi, DesktopApiStarter } from '../api/desktop-api';
import { desktopChannels } from '../bridge/desktop-channels';
import { registerDesktopIpc } from '../bridge/desktop-ipc';
import { desktopDataDirectory, desktopEnvironment } from '../config/desktop-environment';
import type { DesktopLogger } from '../desktop-logger';
import { defaultQwenLoginOptions, QwenLoginCapture, type QwenLoginCaptureOptions } from '../login/qwen-login-capture';
import type { AppPort, DialogPort, IpcPort, SafeStoragePort, SessionFactory, ShellPort, TrayFactory, WindowFactory } from '../ports/electron-ports';
import { SafeStorageSecretKey } from '../secret-key/safe-storage-secret-key';
import { TrayController } from '../tray/tray.controller';
import { MainWindowController } from '../window/main-window.controller';

export interface DesktopAppDependencies {
  app: AppPort;
  dialog: DialogPort;
  ipc: IpcPort;
  windows: WindowFactory;
  trays: TrayFactory;
  sessions: SessionFactory;
  safeStorage: SafeStoragePort;
  shell: ShellPort;
  startApi: DesktopApiStarter;
  logger: DesktopLogger;
  /** The process environment (variables such as PROXY_PORT still apply on the desktop). */
  environment: Record<string, string | undefined>;
  preloadPath: string;
  trayIconPath: string;
  loginOptions?: QwenLoginCaptureOptions;
  /** How long open requests may run on at quit, and the deadline after which the app exits anyway. */
  quitGraceMs?: number;
  quitDeadlineMs?: number;
}

type Phase = 'starting' | 'running' | 'closing' | 'closed';

/**
 * The desktop app's lifecycle: one instance; when Electron is ready the API starts in this
 * process, then the tray and the console window appear. Closing the window leaves the proxy
 * running in the tray; quitting closes the API (open streams finish or are cut at the
 * deadline, the database closes) before the process ends.
 */
export class DesktopApp {
  private phase: Phase = 'starting';
  private api?: DesktopApi;
  private window?: MainWindowController;
  private tray?: TrayController;
  private login?: QwenLoginCapture;

  constructor(private readonly dependencies: DesktopAppDependencies) {}

  /** Resolves once the app runs (or has decided to quit). */
  async run(): Promise<void> {
    const { app, logger } = this.dependencies;
    if (!app.requestSingleInstanceLock()) {
      logger.info('Qwen Proxy is already running: bringing its window forward.');
      this.phase = 'closed';
      app.quit();
      return;
    }
    app.onSecondInstance(() => this.window?.show());
    app.onActivate(() => this.window?.show());
    // Listening is what keeps Electron from quitting: the proxy lives on in the tray.
    app.onWindowAllClosed(() => undefined);
    app.onBeforeQuit((event) => this.beforeQuit(event));

    await app.whenReady();
    if (this.phase !== 'starting') {
      this.phase = 'closed';
      app.quit();
      return;
    }
    try {
      this.api = await this.startApi();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.error(`Qwen Proxy could not start: ${message}`);
      this.dependencies.dialog.showError('Qwen Proxy could not start', message);
      this.phase = 'closed';
      app.exit(1);
      return;
    }
    if (this.phase !== 'starting') {
      // Quit was asked for while the API was starting.
      await this.closeApi();
      return;
    }
    this.phase = 'running';
    this.showProduct(this.api);
  }

  /** Opens the console window (tray "Open", a second launch, the Dock icon). */
  showWindow(): void {
    this.window?.show();
  }

  private async startApi(): Promise<DesktopApi> {
    const { app, environment, safeStorage, logger } = this.dependencies;
    const dataDirectory = desktopDataDirectory(environment, app.userDataPath());
    const secretKey = environment.SECRET_KEY?.trim() ? undefined : new SafeStorageSecretKey(safeStorage, dataDirectory, logger).resolve().secretKey;
    const api = await this.dependencies.startApi(desktopEnvironment(environment, dataDirectory, secretKey));
    logger.info(`API running: control plane ${api.controlUrl}, data in ${dataDirectory}.`);
    return api;
  }

  private showProduct(api: DesktopApi): void {
    const { app, windows, trays, sessions, shell, ipc, logger } = this.dependencies;
    const window = new MainWindowController(windows, shell, logger, {
      controlUrl: api.controlUrl,
      preloadPath: this.dependencies.preloadPath,
      version: app.version,
    });
    const login = new QwenLoginCapture(
      sessions,
      windows,
      api,
      (status) => window.send(desktopChannels.status, status),
      logger,
      this.dependencies.loginOptions ?? defaultQwenLoginOptions,
    );
    registerDesktopIpc(ipc, {
      isTrustedSender: (url) => window.isConsoleUrl(url),
      adminToken: () => api.adminToken,
      connectQwen: () => login.connect(),
      revokeQwen: () => login.revoke(),
    });
    login.start();
    const tray = new TrayController(trays, api, logger, { open: () => window.show(), quit: () => app.quit() });
    this.window = window;
    this.login = login;
    this.tray = tray;
    try {
      tray.create(this.dependencies.trayIconPath);
    } catch (error) {
      // Some Linux desktops have no tray; the app still works, reopened by launching it again.
      logger.warn(`No tray icon: ${error instanceof Error ? error.message : String(error)}`);
    }
    window.show();
  }

  private beforeQuit(event: { preventDefault(): void }): void {
    if (this.phase === 'closed') return;
    event.preventDefault();
    if (this.phase === 'closing') return;
    const starting = this.phase === 'starting';
    this.phase = 'closing';
    // While starting, `run` closes the API once it is up.
    if (!starting) void this.closeApi();
  }

  private async closeApi(): Promise<void> {
    const { app, logger } = this.dependencies;
    const graceMs = this.dependencies.quitGraceMs ?? 5_000;
    const deadlineMs = this.dependencies.quitDeadlineMs ?? graceMs + 5_000;
    this.phase = 'closing';
    this.login?.dispose();
    this.tray?.destroy();
    this.window?.allowClose();
    logger.info('Quitting: finishing open requests…');
    let deadline: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timed-out'>((resolve) => (deadline = setTimeout(() => resolve('timed-out'), deadlineMs)));
    try {
      const outcome = await Promise.race([this.api?.close(graceMs).then(() => 'closed' as const), timedOut]);
      if (outcome === 'timed-out') logger.warn(`The API did not close within ${deadlineMs} ms; quitting anyway.`);
    } catch (error) {
      logger.error(`Closing the API failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(deadline);
    }
    this.phase = 'closed';
    this.window?.close();
    app.quit();
  }
}
