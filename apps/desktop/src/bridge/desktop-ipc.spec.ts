import { FakeIpc } from '../testing/fake-electron';
import { desktopChannels } from './desktop-channels';
import { registerDesktopIpc } from './desktop-ipc';

describe(registerDesktopIpc.name, () => {
  let ipc: FakeIpc;

  beforeEach(() => {
    ipc = new FakeIpc();
    registerDesktopIpc(ipc, {
      isTrustedSender: (url) => url.startsWith('http://127.0.0.1:3002/'),
      adminToken: () => 'the-admin-token',
      connectQwen: async () => ({ connected: false, reason: 'window-closed' }),
      revokeQwen: async () => ({ removedAccounts: 2 }),
    });
  });

  it('answers the console', async () => {
    await expect(ipc.invoke(desktopChannels.getAdminToken, 'http://127.0.0.1:3002/')).resolves.toBe('the-admin-token');
    await expect(ipc.invoke(desktopChannels.connectQwen, 'http://127.0.0.1:3002/accounts')).resolves.toEqual({ connected: false, reason: 'window-closed' });
    await expect(ipc.invoke(desktopChannels.revokeQwen, 'http://127.0.0.1:3002/')).resolves.toEqual({ removedAccounts: 2 });
  });

  it('refuses any other page: the admin token must not leak to a web page', async () => {
    await expect(ipc.invoke(desktopChannels.getAdminToken, 'https://chat.qwen.ai/')).rejects.toThrow(/does not answer https:\/\/chat\.qwen\.ai/);
    await expect(ipc.invoke(desktopChannels.revokeQwen, '')).rejects.toThrow(/unknown page/);
  });
});
