// The console window's preload. It runs sandboxed, where `require` knows only `electron`: keep
// every runtime import out of this file (types are fine, they compile to nothing).
import type { IpcRenderer } from 'electron';
import type { DesktopStatus, QwenProxyDesktopBridge } from './desktop-bridge';

/** A copy of `bridge/desktop-channels.ts` (see the comment above); a spec keeps them equal. */
export const preloadChannels = {
  getAdminToken: 'qwen-proxy-desktop:get-admin-token',
  connectQwen: 'qwen-proxy-desktop:connect-qwen',
  revokeQwen: 'qwen-proxy-desktop:revoke-qwen',
  status: 'qwen-proxy-desktop:status',
} as const;

const versionArgument = '--qwen-proxy-desktop-version=';

type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/** The bridge the console sees as `window.qwenProxyDesktop`: functions and data only, no Electron objects. */
export function createDesktopBridge(ipc: BridgeIpc, argv: readonly string[]): QwenProxyDesktopBridge {
  return Object.freeze({
    version: argv.find((argument) => argument.startsWith(versionArgument))?.slice(versionArgument.length) ?? 'unknown',
    getAdminToken: () => ipc.invoke(preloadChannels.getAdminToken),
    connectQwen: () => ipc.invoke(preloadChannels.connectQwen),
    revokeQwen: () => ipc.invoke(preloadChannels.revokeQwen),
    onStatus(listener: (status: DesktopStatus) => void) {
      // The event object would hand the page Electron internals: pass the payload only.
      const forward = (_event: unknown, status: DesktopStatus) => listener(status);
      ipc.on(preloadChannels.status, forward);
      return () => void ipc.removeListener(preloadChannels.status, forward);
    },
  });
}

if (process.type === 'renderer') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only inside Electron; tests import this file in Node
  const { contextBridge, ipcRenderer } = require('electron') as typeof import('electron');
  contextBridge.exposeInMainWorld('qwenProxyDesktop', createDesktopBridge(ipcRenderer, process.argv));
}
