import type { DesktopApi } from '../api/desktop-api';
import type { DesktopStatus, QwenConnectResult, QwenRevokeResult } from '../desktop-bridge';
import type { DesktopLogger } from '../desktop-logger';
import type { BrowserSessionPort, SessionFactory, WindowFactory, WindowPort } from '../ports/electron-ports';
import { browserUserAgent } from './browser-user-agent';
import { isCookieOfDomain, loginTokenOf, toCookieString } from './qwen-cookies';

export interface QwenLoginCaptureOptions {
  loginUrl: string;
  /** Cookies of this domain and its subdomains are captured. */
  cookieDomain: string;
  /** Its own persistent session: the login survives restarts and never mixes with the console's. */
  partition: string;
  /** Quiet time after the last cookie change before capturing: a login sets a burst of cookies. */
  debounceMs: number;
}

export const defaultQwenLoginOptions: QwenLoginCaptureOptions = {
  loginUrl: 'https://chat.qwen.ai/',
  cookieDomain: 'qwen.ai',
  partition: 'persist:qwen-login',
  debounceMs: 1_000,
};

type Credentials = Pick<DesktopApi, 'saveCredential' | 'listCredentials' | 'removeCredential'>;

/**
 * Connects a Qwen account the way a person expects: a chat.qwen.ai window to log in, then every
 * `.qwen.ai` cookie (HttpOnly ones included) and the token are read from the session's cookie
 * store and saved as a credential. Later cookie changes (a refreshed token, new firewall
 * cookies) are saved again.
 */
export class QwenLoginCapture {
  private session?: BrowserSessionPort;
  private stopListening?: () => void;
  private window?: WindowPort;
  private pendingCapture?: ReturnType<typeof setTimeout>;
  private lastSaved?: string;
  private revoking = false;
  private waiting: Array<(result: QwenConnectResult) => void> = [];

  constructor(
    private readonly sessions: SessionFactory,
    private readonly windows: WindowFactory,
    private readonly credentials: Credentials,
    private readonly publish: (status: DesktopStatus) => void,
    private readonly logger: DesktopLogger,
    private readonly options: QwenLoginCaptureOptions = defaultQwenLoginOptions,
  ) {}

  /** Watches the login session's cookies; call once Electron is ready. */
  start(): void {
    if (this.session) return;
    const session = this.sessions.fromPartition(this.options.partition);
    session.setUserAgent(browserUserAgent(session.getUserAgent()));
    this.stopListening = session.onCookieChanged(({ cookie }) => {
      if (isCookieOfDomain(cookie, this.options.cookieDomain)) this.scheduleCapture();
    });
    this.session = session;
  }

  /** Opens the login window, or brings it forward; resolves when an account is saved or the window closes. */
  connect(): Promise<QwenConnectResult> {
    this.start();
    const result = new Promise<QwenConnectResult>((resolve) => this.waiting.push(resolve));
    if (this.window && !this.window.isDestroyed()) {
      this.window.show();
      this.window.focus();
      return result;
    }
    const window = this.windows.create({ title: 'Connect your Qwen account', width: 1100, height: 820, show: true, partition: this.options.partition });
    this.window = window;
    // Sign-in with Google/GitHub opens a popup; it shares this session, so its cookies count too.
    window.setWindowOpenHandler((url) => url.startsWith('https://'));
    // Someone already logged in (an earlier connect) changes no cookie: capture on load too.
    window.onFinishLoad(() => this.scheduleCapture());
    window.onClosed(() => {
      if (this.window === window) this.window = undefined;
      this.publish({ type: 'qwen-login-changed', state: 'closed' });
      this.settle({ connected: false, reason: 'window-closed' });
    });
    this.publish({ type: 'qwen-login-changed', state: 'opened' });
    window.loadUrl(this.options.loginUrl).catch((error: unknown) => this.logger.warn(`The Qwen login page did not load: ${String(error)}`));
    return result;
  }

  /** Deletes the accounts the desktop captured and logs the login session out. */
  async revoke(): Promise<QwenRevokeResult> {
    this.start();
    this.revoking = true;
    this.cancelPendingCapture();
    try {
      this.settle({ connected: false, reason: 'revoked' });
      this.closeWindow();
      const captured = (await this.credentials.listCredentials()).filter((credential) => credential.source === 'desktop');
      for (const credential of captured) await this.credentials.removeCredential(credential.id);
      await this.session!.clearStorageData();
      this.lastSaved = undefined;
      this.publish({ type: 'qwen-login-changed', state: 'revoked' });
      this.logger.info(`Revoked the desktop's Qwen login (${captured.length} account(s) deleted, login session cleared).`);
      return { removedAccounts: captured.length };
    } finally {
      // Clearing the session fires cookie removals; they must not schedule a capture afterwards.
      this.cancelPendingCapture();
      this.revoking = false;
    }
  }

  dispose(): void {
    this.cancelPendingCapture();
    this.stopListening?.();
    this.closeWindow();
  }

  private scheduleCapture(): void {
    if (this.revoking) return;
    this.cancelPendingCapture();
    this.pendingCapture = setTimeout(() => {
      this.pendingCapture = undefined;
      void this.capture();
    }, this.options.debounceMs);
  }

  private cancelPendingCapture(): void {
    if (this.pendingCapture) clearTimeout(this.pendingCapture);
    this.pendingCapture = undefined;
  }

  private async capture(): Promise<void> {
    const session = this.session;
    if (!session || this.revoking) return;
    const cookies = (await session.cookies(this.options.cookieDomain)).filter((cookie) => isCookieOfDomain(cookie, this.options.cookieDomain));
    const token = loginTokenOf(cookies);
    // No token: not logged in yet (or logged out); the firewall cookies alone are no account.
    if (!token) return;
    const cookieString = toCookieString(cookies);
    const userAgent = session.getUserAgent();
    // The store's order may change without the cookies changing: compare as a sorted set.
    const fingerprint = [userAgent, ...cookies.map((cookie) => `${cookie.domain ?? ''} ${cookie.path ?? ''} ${cookie.name}=${cookie.value}`).sort()].join('\n');
    if (fingerprint === this.lastSaved) return;
    try {
      const account = await this.credentials.saveCredential({ cookies: cookieString, token, userAgent });
      this.lastSaved = fingerprint;
      this.logger.info(`Captured the Qwen login of "${account.label}" (${cookies.length} cookies).`);
      const view = { id: account.id, label: account.label, status: account.status };
      this.publish({ type: 'qwen-login-changed', state: 'connected', account: view });
      if (this.waiting.length > 0) {
        this.settle({ connected: true, account: view });
        // The login is what the window was for; the session keeps the cookies.
        this.closeWindow();
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Saving the captured Qwen login failed: ${message}`);
      this.publish({ type: 'qwen-login-changed', state: 'failed', message });
    }
  }

  private settle(result: QwenConnectResult): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve(result);
  }

  private closeWindow(): void {
    const window = this.window;
    this.window = undefined;
    if (window && !window.isDestroyed()) window.close();
  }
}
