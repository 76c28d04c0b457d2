import type { DesktopApi, ProxyState } from '../api/desktop-api';
import type { DesktopLogger } from '../desktop-logger';
import type { TrayFactory, TrayPort } from '../ports/electron-ports';
import { type TrayActions, trayMenuFor } from './tray-menu';

type ProxyControl = Pick<DesktopApi, 'startProxy' | 'stopProxy' | 'proxyState' | 'onProxyStateChanged'>;

/**
 * The tray icon: what keeps the app reachable while its window is closed. Its menu follows the
 * proxy's listener events, so a Stop from the console shows here too.
 */
export class TrayController {
  private tray?: TrayPort;
  private state: ProxyState = { running: false };
  private busy = false;
  private stopWatching?: () => void;

  constructor(
    private readonly trays: TrayFactory,
    private readonly proxy: ProxyControl,
    private readonly logger: DesktopLogger,
    private readonly actions: Pick<TrayActions, 'open' | 'quit'>,
  ) {}

  create(iconPath: string): void {
    if (this.tray) return;
    this.tray = this.trays.create(iconPath);
    this.tray.onClick(() => this.actions.open());
    this.state = this.proxy.proxyState();
    this.stopWatching = this.proxy.onProxyStateChanged((state) => {
      this.state = state;
      this.render();
    });
    this.render();
  }

  destroy(): void {
    this.stopWatching?.();
    this.tray?.destroy();
    this.tray = undefined;
  }

  /** Starts a stopped proxy, stops a running one. */
  async toggleProxy(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.render();
    try {
      this.state = this.state.running ? await this.proxy.stopProxy() : await this.proxy.startProxy();
    } catch (error) {
      // A port taken by another program is the usual cause; the menu stays truthful either way.
      this.logger.error(`Could not ${this.state.running ? 'stop' : 'start'} the proxy: ${error instanceof Error ? error.message : String(error)}`);
      this.state = this.proxy.proxyState();
    } finally {
      this.busy = false;
      this.render();
    }
  }

  private render(): void {
    if (!this.tray) return;
    const model = trayMenuFor(this.state, this.busy, {
      open: () => this.actions.open(),
      toggleProxy: () => void this.toggleProxy(),
      quit: () => this.actions.quit(),
    });
    this.tray.setToolTip(model.toolTip);
    this.tray.setContextMenu(model.items);
  }
}
