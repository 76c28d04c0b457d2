/**
 * The bridge the desktop app's preload exposes to the admin console as
 * `window.qwenProxyDesktop`. It is absent in a normal browser: the console checks for it and
 * shows its desktop-only actions (Connect with a login window, Revoke) only when it is there.
 * Plain types only, so the console can include this file as is.
 */

/** Where the desktop's Qwen login window stands. */
export type QwenLoginState = 'opened' | 'connected' | 'closed' | 'revoked' | 'failed';

/** Desktop-only news for the console; proxy and account changes also arrive on `/api/events`. */
export interface DesktopStatus {
  type: 'qwen-login-changed';
  state: QwenLoginState;
  /** The account saved or updated by the capture (`connected`). */
  account?: DesktopAccount;
  /** Why a capture failed (`failed`). */
  message?: string;
}

export interface DesktopAccount {
  id: string;
  label: string;
  status: string;
}

export type QwenConnectResult = { connected: true; account: DesktopAccount } | { connected: false; reason: 'window-closed' | 'revoked' };

export interface QwenRevokeResult {
  /** Accounts captured by the desktop that were deleted. */
  removedAccounts: number;
}

export interface QwenProxyDesktopBridge {
  /** The desktop app's version. */
  readonly version: string;
  /**
   * The control plane's admin token, handed over in memory so it never sits in a URL or the
   * history. Call it once at start-up instead of reading `?token=`.
   */
  getAdminToken(): Promise<string>;
  /**
   * Opens the chat.qwen.ai login window (or focuses it). Resolves once the account's cookies
   * and token are saved, or when the person closes the window.
   */
  connectQwen(): Promise<QwenConnectResult>;
  /** Deletes the accounts the desktop captured and logs its login window out (clears its session). */
  revokeQwen(): Promise<QwenRevokeResult>;
  /** Subscribes to desktop status; returns the unsubscribe function. */
  onStatus(listener: (status: DesktopStatus) => void): () => void;
}

declare global {
  interface Window {
    qwenProxyDesktop?: QwenProxyDesktopBridge;
  }
}
