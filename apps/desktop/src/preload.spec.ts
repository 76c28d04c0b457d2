import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { desktopChannels } from './bridge/desktop-channels';
import type { DesktopStatus } from './desktop-bridge';
import { createDesktopBridge, preloadChannels } from './preload';

class FakeIpcRenderer {
  readonly invoked: string[] = [];
  readonly listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  async invoke(channel: string): Promise<unknown> {
    this.invoked.push(channel);
    return `answer of ${channel}`;
  }
  on(channel: string, listener: (...args: unknown[]) => void): this {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
    return this;
  }
  removeListener(channel: string, listener: (...args: unknown[]) => void): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  emit(channel: string, payload: unknown): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({ sender: 'electron internals' }, payload);
  }
}

describe(createDesktopBridge.name, () => {
  it('uses the same channels as the main process', () => {
    expect(preloadChannels).toEqual(desktopChannels);
  });

  it('requires nothing but electron at run time: a sandboxed preload cannot', () => {
    const source = readFileSync(join(__dirname, 'preload.ts'), 'utf8');
    const runtimeImports = [...source.matchAll(/^import (?!type )[^;]*from '([^']+)'/gm), ...source.matchAll(/require\('([^']+)'\)/g)].map((match) => match[1]);

    expect(runtimeImports).toEqual(['electron']);
  });

  it('exposes the version and forwards calls to the main process', async () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createDesktopBridge(ipc as never, ['electron', '--qwen-proxy-desktop-version=1.2.3']);

    expect(bridge.version).toBe('1.2.3');
    await expect(bridge.getAdminToken()).resolves.toBe(`answer of ${desktopChannels.getAdminToken}`);
    await bridge.connectQwen();
    await bridge.revokeQwen();
    expect(ipc.invoked).toEqual([desktopChannels.getAdminToken, desktopChannels.connectQwen, desktopChannels.revokeQwen]);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('passes status payloads without the IPC event, and unsubscribes', () => {
    const ipc = new FakeIpcRenderer();
    const bridge = createDesktopBridge(ipc as never, []);
    const received: unknown[] = [];
    const status: DesktopStatus = { type: 'qwen-login-changed', state: 'opened' };

    const unsubscribe = bridge.onStatus((payload) => received.push(payload));
    ipc.emit(desktopChannels.status, status);
    unsubscribe();
    ipc.emit(desktopChannels.status, status);

    expect(received).toEqual([status]);
    expect(bridge.version).toBe('unknown');
  });
});
