import { Injectable, signal } from '@angular/core';
import type { DesktopStatus, QwenConnectResult, QwenProxyDesktopBridge, QwenRevokeResult } from '../../../../../desktop/src/desktop-bridge';

/**
 * The desktop app's preload bridge (`window.qwenProxyDesktop`), absent in a normal browser.
 * In the desktop app, Connect opens its Qwen login window and the admin token arrives in memory.
 */
@Injectable({ providedIn: 'root' })
export class DesktopBridgeService {
  private readonly bridge: QwenProxyDesktopBridge | undefined = (globalThis as { qwenProxyDesktop?: QwenProxyDesktopBridge }).qwenProxyDesktop;
  readonly available = !!this.bridge;
  readonly version = this.bridge?.version ?? null;
  readonly lastStatus = signal<DesktopStatus | null>(null);

  constructor() {
    this.bridge?.onStatus((status) => this.lastStatus.set(status));
  }

  adminToken(): Promise<string | null> {
    return this.bridge ? this.bridge.getAdminToken() : Promise.resolve(null);
  }

  connect(): Promise<QwenConnectResult> {
    if (!this.bridge) return Promise.reject(new Error('Not running in the desktop app.'));
    return this.bridge.connectQwen();
  }

  revoke(): Promise<QwenRevokeResult> {
    if (!this.bridge) return Promise.reject(new Error('Not running in the desktop app.'));
    return this.bridge.revokeQwen();
  }
}
