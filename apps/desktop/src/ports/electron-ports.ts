/**
 * The slices of Electron the desktop app uses, as plain interfaces. The classes of this app
 * depend only on these, so they run and are tested in Node without an Electron binary;
 * `electron-facade.ts` maps them to the real `electron` module.
 */

/** What a web page is allowed to know about the page that sent an IPC call. */
export interface IpcSender {
  /** The URL of the frame that sent the call; `''` when unknown. */
  url: string;
}

export interface IpcPort {
  /** Answers `ipcRenderer.invoke(channel, …)` calls. */
  handle(channel: string, handler: (sender: IpcSender, ...args: unknown[]) => Promise<unknown> | unknown): void;
}

export interface BrowserWindowOptions {
  title: string;
  width: number;
  height: number;
  show: boolean;
  /** Absolute path of the preload script; none for windows showing third-party pages. */
  preloadPath?: string;
  /** A persistent session partition (`persist:…`); the default session otherwise. */
  partition?: string;
  /** Extra `process.argv` entries for the preload script. */
  additionalArguments?: string[];
}

export interface WindowPort {
  loadUrl(url: string): Promise<void>;
  show(): void;
  hide(): void;
  focus(): void;
  restoreIfMinimized(): void;
  close(): void;
  isDestroyed(): boolean;
  /** The app decides what closing means: the listener may cancel it with `preventDefault`. */
  onClose(listener: (event: { preventDefault(): void }) => void): void;
  onClosed(listener: () => void): void;
  onFinishLoad(listener: () => void): void;
  /** Navigation of the page itself; call `preventDefault` to stay. */
  onWillNavigate(listener: (event: { preventDefault(): void }, url: string) => void): void;
  /** `window.open` and target=_blank links: `true` lets a child window open in the same session. */
  setWindowOpenHandler(handler: (url: string) => boolean): void;
  /** Sends a message to the page's preload (`ipcRenderer.on(channel)`). */
  send(channel: string, payload: unknown): void;
}

export interface WindowFactory {
  create(options: BrowserWindowOptions): WindowPort;
}

export interface TrayMenuItem {
  label: string;
  enabled?: boolean;
  click?: () => void;
  /** A separator line; `label` is ignored. */
  separator?: boolean;
}

export interface TrayPort {
  setToolTip(text: string): void;
  setContextMenu(items: TrayMenuItem[]): void;
  /** Left click (Windows, macOS); Linux trays only show the menu. */
  onClick(listener: () => void): void;
  destroy(): void;
}

export interface TrayFactory {
  create(iconPath: string): TrayPort;
}

/** One cookie of Electron's cookie store. */
export interface StoredCookie {
  name: string;
  value: string;
  domain?: string;
  path?: string;
}

export interface CookieChange {
  cookie: StoredCookie;
  removed: boolean;
}

export interface BrowserSessionPort {
  /** Cookies whose domain is `domain` or one of its subdomains. */
  cookies(domain: string): Promise<StoredCookie[]>;
  onCookieChanged(listener: (change: CookieChange) => void): () => void;
  getUserAgent(): string;
  setUserAgent(userAgent: string): void;
  /** Cookies, local storage, IndexedDB, cache: the whole logged-in state of the session. */
  clearStorageData(): Promise<void>;
}

export interface SessionFactory {
  fromPartition(partition: string): BrowserSessionPort;
}

export interface SafeStoragePort {
  isEncryptionAvailable(): boolean;
  /** Linux only: which secret store backs the encryption (`basic_text` protects nothing). */
  selectedStorageBackend(): string | undefined;
  encryptString(text: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface AppPort {
  readonly version: string;
  /** The folder for this app's own files (`userData`). */
  userDataPath(): string;
  /** `false` when another instance holds the lock: this one must quit. */
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  onSecondInstance(listener: () => void): void;
  onWindowAllClosed(listener: () => void): void;
  /** macOS: the Dock icon was clicked. */
  onActivate(listener: () => void): void;
  onBeforeQuit(listener: (event: { preventDefault(): void }) => void): void;
  quit(): void;
  exit(code: number): void;
}

export interface DialogPort {
  showError(title: string, message: string): void;
}

export interface ShellPort {
  openExternal(url: string): Promise<void>;
}
