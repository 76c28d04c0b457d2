import type {
  AppPort,
  BrowserSessionPort,
  BrowserWindowOptions,
  CookieChange,
  IpcPort,
  IpcSender,
  SafeStoragePort,
  SessionFactory,
  StoredCookie,
  TrayFactory,
  TrayMenuItem,
  TrayPort,
  WindowFactory,
  WindowPort,
} from '../ports/electron-ports';

type Listener<T extends unknown[] = []> = (...args: T) => void;

function preventable(): { event: { preventDefault(): void }; prevented: () => boolean } {
  let prevented = false;
  return { event: { preventDefault: () => (prevented = true) }, prevented: () => prevented };
}

/** A BrowserWindow that records what was done to it and lets a test act as the user. */
export class FakeWindow implements WindowPort {
  readonly loadedUrls: string[] = [];
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  visible = false;
  focusCount = 0;
  destroyed = false;
  private readonly closeListeners: Array<Listener<[{ preventDefault(): void }]>> = [];
  private readonly closedListeners: Listener[] = [];
  private readonly loadListeners: Listener[] = [];
  private readonly navigateListeners: Array<Listener<[{ preventDefault(): void }, string]>> = [];
  private openHandler?: (url: string) => boolean;

  constructor(readonly options: BrowserWindowOptions) {
    this.visible = options.show;
  }

  async loadUrl(url: string): Promise<void> {
    this.loadedUrls.push(url);
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focusCount += 1;
  }
  restoreIfMinimized(): void {}
  /** `close()` from code, or the person clicking the close button: both ask the listeners first. */
  close(): void {
    if (this.destroyed) return;
    const { event, prevented } = preventable();
    for (const listener of this.closeListeners) listener(event);
    if (prevented()) return;
    this.destroyed = true;
    this.visible = false;
    for (const listener of this.closedListeners) listener();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  onClose(listener: Listener<[{ preventDefault(): void }]>): void {
    this.closeListeners.push(listener);
  }
  onClosed(listener: Listener): void {
    this.closedListeners.push(listener);
  }
  onFinishLoad(listener: Listener): void {
    this.loadListeners.push(listener);
  }
  onWillNavigate(listener: Listener<[{ preventDefault(): void }, string]>): void {
    this.navigateListeners.push(listener);
  }
  setWindowOpenHandler(handler: (url: string) => boolean): void {
    this.openHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  finishLoad(): void {
    for (const listener of this.loadListeners) listener();
  }
  /** Returns whether the navigation was allowed. */
  navigate(url: string): boolean {
    const { event, prevented } = preventable();
    for (const listener of this.navigateListeners) listener(event, url);
    return !prevented();
  }
  /** Returns whether a child window may open. */
  openChild(url: string): boolean {
    return this.openHandler?.(url) ?? true;
  }
}

export class FakeWindowFactory implements WindowFactory {
  readonly created: FakeWindow[] = [];
  create(options: BrowserWindowOptions): FakeWindow {
    const window = new FakeWindow(options);
    this.created.push(window);
    return window;
  }
}

export class FakeTray implements TrayPort {
  toolTip = '';
  menu: TrayMenuItem[] = [];
  destroyed = false;
  private clickListener?: Listener;

  constructor(readonly iconPath: string) {}

  setToolTip(text: string): void {
    this.toolTip = text;
  }
  setContextMenu(items: TrayMenuItem[]): void {
    this.menu = items;
  }
  onClick(listener: Listener): void {
    this.clickListener = listener;
  }
  destroy(): void {
    this.destroyed = true;
  }
  click(): void {
    this.clickListener?.();
  }
  labels(): string[] {
    return this.menu.filter((item) => !item.separator).map((item) => item.label);
  }
  item(label: string): TrayMenuItem {
    const item = this.menu.find((candidate) => candidate.label === label);
    if (!item) throw new Error(`No tray menu item "${label}" in ${JSON.stringify(this.labels())}`);
    return item;
  }
}

export class FakeTrayFactory implements TrayFactory {
  readonly created: FakeTray[] = [];
  create(iconPath: string): FakeTray {
    const tray = new FakeTray(iconPath);
    this.created.push(tray);
    return tray;
  }
}

/** A session's cookie store: setting or removing a cookie fires `changed` like Electron's. */
export class FakeSession implements BrowserSessionPort {
  private jar: StoredCookie[] = [];
  private readonly listeners = new Set<Listener<[CookieChange]>>();
  userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) qwen-proxy/0.1.0 Chrome/144.0.0.0 Electron/40.8.5 Safari/537.36';
  clearCount = 0;
  cookieQueries: string[] = [];

  async cookies(domain: string): Promise<StoredCookie[]> {
    this.cookieQueries.push(domain);
    return this.jar.map((cookie) => ({ ...cookie }));
  }
  onCookieChanged(listener: Listener<[CookieChange]>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  getUserAgent(): string {
    return this.userAgent;
  }
  setUserAgent(userAgent: string): void {
    this.userAgent = userAgent;
  }
  async clearStorageData(): Promise<void> {
    this.clearCount += 1;
    for (const cookie of this.jar.splice(0)) this.emit({ cookie, removed: true });
  }

  setCookie(name: string, value: string, domain = '.qwen.ai'): void {
    this.jar = this.jar.filter((cookie) => !(cookie.name === name && cookie.domain === domain));
    const cookie = { name, value, domain, path: '/' };
    this.jar.push(cookie);
    this.emit({ cookie, removed: false });
  }
  listenerCount(): number {
    return this.listeners.size;
  }
  private emit(change: CookieChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

export class FakeSessionFactory implements SessionFactory {
  readonly sessions = new Map<string, FakeSession>();
  fromPartition(partition: string): FakeSession {
    let session = this.sessions.get(partition);
    if (!session) this.sessions.set(partition, (session = new FakeSession()));
    return session;
  }
}

/** Encrypts by wrapping: enough to tell protected bytes from the plain key in a test. */
export class FakeSafeStorage implements SafeStoragePort {
  available = true;
  backend: string | undefined = 'gnome_libsecret';
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  selectedStorageBackend(): string | undefined {
    return this.backend;
  }
  encryptString(text: string): Buffer {
    return Buffer.from(`protected(${Buffer.from(text).toString('hex')})`);
  }
  decryptString(encrypted: Buffer): string {
    const match = /^protected\(([0-9a-f]*)\)$/.exec(encrypted.toString());
    if (!match) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(match[1]!, 'hex').toString();
  }
}

export class FakeIpc implements IpcPort {
  private readonly handlers = new Map<string, (sender: IpcSender, ...args: unknown[]) => unknown>();
  handle(channel: string, handler: (sender: IpcSender, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  /** What `ipcRenderer.invoke` would get, as a page at `url`. */
  async invoke(channel: string, url: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ url }, ...args);
  }
  channels(): string[] {
    return [...this.handlers.keys()];
  }
}

/** Electron's `app`: a test fires its events and reads what the app asked for. */
export class FakeApp implements AppPort {
  readonly version = '1.2.3';
  lockGranted = true;
  quitCount = 0;
  exitCodes: number[] = [];
  private resolveReady!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.resolveReady = resolve));
  private readonly listeners = {
    secondInstance: [] as Listener[],
    windowAllClosed: [] as Listener[],
    activate: [] as Listener[],
    beforeQuit: [] as Array<Listener<[{ preventDefault(): void }]>>,
  };

  constructor(private readonly userData: string) {}

  userDataPath(): string {
    return this.userData;
  }
  requestSingleInstanceLock(): boolean {
    return this.lockGranted;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  onSecondInstance(listener: Listener): void {
    this.listeners.secondInstance.push(listener);
  }
  onWindowAllClosed(listener: Listener): void {
    this.listeners.windowAllClosed.push(listener);
  }
  onActivate(listener: Listener): void {
    this.listeners.activate.push(listener);
  }
  onBeforeQuit(listener: Listener<[{ preventDefault(): void }]>): void {
    this.listeners.beforeQuit.push(listener);
  }
  quit(): void {
    this.quitCount += 1;
  }
  exit(code: number): void {
    this.exitCodes.push(code);
  }

  becomeReady(): void {
    this.resolveReady();
  }
  launchSecondInstance(): void {
    for (const listener of this.listeners.secondInstance) listener();
  }
  /** What Electron does when the last window closes: quits unless someone listens. */
  closeAllWindows(): { quitsByDefault: boolean } {
    for (const listener of this.listeners.windowAllClosed) listener();
    return { quitsByDefault: this.listeners.windowAllClosed.length === 0 };
  }
  /** Returns whether the quit went ahead. */
  requestQuit(): boolean {
    const { event, prevented } = preventable();
    for (const listener of this.listeners.beforeQuit) listener(event);
    return !prevented();
  }
}
