import type { QwenConnectResult, QwenRevokeResult } from '../desktop-bridge';
import type { IpcPort, IpcSender } from '../ports/electron-ports';
import { desktopChannels } from './desktop-channels';

export interface DesktopIpcHandlers {
  /** Only the console's own pages are trusted with the bridge (it hands out the admin token). */
  isTrustedSender(url: string): boolean;
  adminToken(): string;
  connectQwen(): Promise<QwenConnectResult>;
  revokeQwen(): Promise<QwenRevokeResult>;
}

/** The main-process side of the preload bridge. */
export function registerDesktopIpc(ipc: IpcPort, handlers: DesktopIpcHandlers): void {
  const trusted =
    <T>(handler: () => T) =>
    (sender: IpcSender): T => {
      if (!handlers.isTrustedSender(sender.url)) throw new Error(`The Qwen Proxy desktop bridge does not answer ${sender.url || 'an unknown page'}.`);
      return handler();
    };
  ipc.handle(desktopChannels.getAdminToken, trusted(() => handlers.adminToken()));
  ipc.handle(desktopChannels.connectQwen, trusted(() => handlers.connectQwen()));
  ipc.handle(desktopChannels.revokeQwen, trusted(() => handlers.revokeQwen()));
}
