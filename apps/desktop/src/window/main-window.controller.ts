import type { DesktopLogger } from '../desktop-logger';
import type { ShellPort, WindowFactory, WindowPort } from '../ports/electron-ports';

export interface MainWindowOptions {
  /** The control plane, which serves the admin console at `/`. */
  controlUrl: string;
  preloadPath: string;
  version: string;
}

/**
 * The one console window. Closing it only hides it (the proxy keeps running in the tray) until
 * the app quits. The admin token is not put in the URL: the console asks the preload bridge for
 * it, so it never lands in the history.
 */
export class MainWindowController {
  private window?: WindowPort;
  private quitting = false;
  private readonly consoleOrigin: string;

  constructor(
    private readonly windows: WindowFactory,
    private readonly shell: ShellPort,
    private readonly logger: DesktopLogger,
    private readonly options: MainWindowOptions,
  ) {
    this.consoleOrigin = new URL(options.controlUrl).origin;
  }

  /** Shows the window, creating it the first time; brings it forward when it exists. */
  show(): void {
    const window = this.window && !this.window.isDestroyed() ? this.window : this.create();
    window.restoreIfMinimized();
    window.show();
    window.focus();
  }

  /** From now on closing the window really closes it. */
  allowClose(): void {
    this.quitting = true;
  }

  close(): void {
    this.allowClose();
    if (this.window && !this.window.isDestroyed()) this.window.close();
    this.window = undefined;
  }

  /** Sends a message to the console's preload, if the window is there. */
  send(channel: string, payload: unknown): void {
    if (this.window && !this.window.isDestroyed()) this.window.send(channel, payload);
  }

  /** Whether a URL belongs to the console, the only page trusted with the bridge. */
  isConsoleUrl(url: string): boolean {
    try {
      return new URL(url).origin === this.consoleOrigin;
    } catch {
      return false;
    }
  }

  private create(): WindowPort {
    const window = this.windows.create({
      title: 'Qwen Proxy',
      width: 1280,
      height: 860,
      // Shown by `show()` once created, so a slow first load shows an empty frame, not nothing.
      show: false,
      preloadPath: this.options.preloadPath,
      additionalArguments: [`--qwen-proxy-desktop-version=${this.options.version}`],
    });
    window.onClose((event) => {
      if (this.quitting) return;
      event.preventDefault();
      window.hide();
    });
    window.onClosed(() => {
      if (this.window === window) this.window = undefined;
    });
    window.onFinishLoad(() => this.logger.info(`Console window loaded ${this.options.controlUrl}/`));
    // The bridge holds the admin token: only the console's own pages may run with it.
    window.onWillNavigate((event, url) => {
      if (this.isConsoleUrl(url)) return;
      event.preventDefault();
      this.openExternally(url);
    });
    window.setWindowOpenHandler((url) => {
      this.openExternally(url);
      return false;
    });
    window.loadUrl(`${this.options.controlUrl}/`).catch((error: unknown) => this.logger.error(`The console did not load: ${String(error)}`));
    this.window = window;
    return window;
  }

  private openExternally(url: string): void {
    if (!/^https?:\/\//.test(url)) return;
    this.shell.openExternal(url).catch((error: unknown) => this.logger.warn(`Could not open ${url}: ${String(error)}`));
  }
}
