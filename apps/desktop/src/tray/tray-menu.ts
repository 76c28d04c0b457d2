import type { ProxyState } from '../api/desktop-api';

export interface TrayActions {
  open(): void;
  toggleProxy(): void;
  quit(): void;
}

export interface TrayMenuModel {
  toolTip: string;
  items: Array<{ label: string; enabled?: boolean; separator?: boolean; click?: () => void }>;
}

/** The tray's tooltip and menu for a proxy state; `busy` while a start or stop is under way. */
export function trayMenuFor(state: ProxyState, busy: boolean, actions: TrayActions): TrayMenuModel {
  const status = state.running ? `Proxy running on ${state.url}` : 'Proxy stopped';
  return {
    toolTip: `Qwen Proxy: ${status.charAt(0).toLowerCase()}${status.slice(1)}`,
    items: [
      { label: status, enabled: false },
      { label: '', separator: true },
      { label: 'Open Qwen Proxy', click: actions.open },
      { label: state.running ? 'Stop proxy' : 'Start proxy', enabled: !busy, click: actions.toggleProxy },
      { label: '', separator: true },
      { label: 'Quit Qwen Proxy', click: actions.quit },
    ],
  };
}
