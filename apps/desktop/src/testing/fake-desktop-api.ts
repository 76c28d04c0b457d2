import type { DesktopApi, DesktopCredential, DesktopCredentialInput, ProxyState } from '../api/desktop-api';

/** The in-process API, reduced to memory: records the order of calls across the app. */
export class FakeDesktopApi implements DesktopApi {
  readonly controlUrl = 'http://127.0.0.1:3002';
  readonly adminToken = 'admin-token-0123456789abcdef';
  readonly saved: DesktopCredentialInput[] = [];
  readonly credentials = new Map<string, DesktopCredential>();
  closeCalls: number[] = [];
  closed = false;
  /** How long `close` takes; `Infinity` never finishes. */
  closeDurationMs = 0;
  saveFailure?: Error;
  private running = true;
  private readonly listeners = new Set<(state: ProxyState) => void>();
  private nextId = 1;

  constructor(private readonly calls: string[] = []) {}

  async saveCredential(input: DesktopCredentialInput): Promise<DesktopCredential> {
    this.calls.push('api.saveCredential');
    if (this.saveFailure) throw this.saveFailure;
    this.saved.push(input);
    const existing = [...this.credentials.values()].find((credential) => credential.source === 'desktop');
    const credential = existing ?? { id: `credential-${this.nextId++}`, label: 'Qwen me', source: 'desktop', status: 'valid' };
    this.credentials.set(credential.id, credential);
    return credential;
  }
  async listCredentials(): Promise<DesktopCredential[]> {
    return [...this.credentials.values()];
  }
  async removeCredential(id: string): Promise<void> {
    this.calls.push(`api.removeCredential:${id}`);
    this.credentials.delete(id);
  }
  async startProxy(): Promise<ProxyState> {
    this.calls.push('api.startProxy');
    this.setRunning(true);
    return this.proxyState();
  }
  async stopProxy(): Promise<ProxyState> {
    this.calls.push('api.stopProxy');
    this.setRunning(false);
    return this.proxyState();
  }
  proxyState(): ProxyState {
    return this.running ? { running: true, url: 'http://127.0.0.1:3000' } : { running: false };
  }
  onProxyStateChanged(listener: (state: ProxyState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  async close(graceMs: number): Promise<void> {
    this.calls.push('api.close');
    this.closeCalls.push(graceMs);
    if (this.closeDurationMs === Infinity) return new Promise(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, this.closeDurationMs));
    this.closed = true;
  }

  /** The console (or the tray) stopped or started the proxy: listener events go out. */
  setRunning(running: boolean): void {
    this.running = running;
    for (const listener of this.listeners) listener(this.proxyState());
  }
  listenerCount(): number {
    return this.listeners.size;
  }
}
