/** A Qwen account as the desktop app sees it: never its secrets. */
export interface DesktopCredential {
  id: string;
  label: string;
  source: string;
  status: string;
}

export interface DesktopCredentialInput {
  cookies: string;
  token?: string;
  userAgent?: string;
  label?: string;
}

/** The proxy listeners' state, for the tray. */
export interface ProxyState {
  running: boolean;
  /** `http://host:port` of the OpenAI-compatible proxy while it runs. */
  url?: string;
}

/**
 * The API running in this process, as the desktop classes need it. `in-process-api.ts` backs
 * it with `startApplication`; tests use a fake.
 */
export interface DesktopApi {
  readonly controlUrl: string;
  readonly adminToken: string;
  saveCredential(input: DesktopCredentialInput): Promise<DesktopCredential>;
  listCredentials(): Promise<DesktopCredential[]>;
  removeCredential(id: string): Promise<void>;
  startProxy(): Promise<ProxyState>;
  stopProxy(): Promise<ProxyState>;
  proxyState(): ProxyState;
  /** Called whenever a proxy listener opens or closes; returns the unsubscribe function. */
  onProxyStateChanged(listener: (state: ProxyState) => void): () => void;
  /** Stops listening, lets open requests finish for `graceMs`, closes the database. */
  close(graceMs: number): Promise<void>;
}

export type DesktopApiStarter = (environment: Record<string, string | undefined>) => Promise<DesktopApi>;
