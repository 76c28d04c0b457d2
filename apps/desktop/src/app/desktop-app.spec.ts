import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { desktopChannels } from '../bridge/desktop-channels';
import { protectedKeyFileName } from '../secret-key/safe-storage-secret-key';
import { FakeDesktopApi } from '../testing/fake-desktop-api';
import { FakeApp, FakeIpc, FakeSafeStorage, FakeSessionFactory, FakeTrayFactory, FakeWindowFactory } from '../testing/fake-electron';
import { DesktopApp, type DesktopAppDependencies } from './desktop-app';

describe(DesktopApp.name, () => {
  let userData: string;
  let calls: string[];
  let app: FakeApp;
  let api: FakeDesktopApi;
  let windows: FakeWindowFactory;
  let trays: FakeTrayFactory;
  let ipc: FakeIpc;
  let safeStorage: FakeSafeStorage;
  let errors: Array<{ title: string; message: string }>;
  let apiEnvironment: Record<string, string | undefined> | undefined;
  let startApi: DesktopAppDependencies['startApi'];

  beforeEach(() => {
    userData = mkdtempSync(join(tmpdir(), 'qwen-desktop-app-'));
    calls = [];
    app = new FakeApp(userData);
    api = new FakeDesktopApi(calls);
    windows = new FakeWindowFactory();
    trays = new FakeTrayFactory();
    ipc = new FakeIpc();
    safeStorage = new FakeSafeStorage();
    errors = [];
    apiEnvironment = undefined;
    startApi = async (environment) => {
      calls.push('api.start');
      apiEnvironment = environment;
      return api;
    };
  });
  afterEach(() => rmSync(userData, { recursive: true, force: true }));

  function sut(overrides: Partial<DesktopAppDependencies> = {}): DesktopApp {
    const originalCreate = windows.create.bind(windows);
    windows.create = (options) => {
      calls.push(`window.create:${options.title}`);
      return originalCreate(options);
    };
    return new DesktopApp({
      app,
      dialog: { showError: (title, message) => errors.push({ title, message }) },
      ipc,
      windows,
      trays,
      sessions: new FakeSessionFactory(),
      safeStorage,
      shell: { openExternal: async () => undefined },
      startApi,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      environment: { PROXY_PORT: '4000' },
      preloadPath: '/app/preload.js',
      trayIconPath: '/app/tray.png',
      quitGraceMs: 50,
      quitDeadlineMs: 200,
      ...overrides,
    });
  }

  async function started(desktop = sut()): Promise<DesktopApp> {
    const running = desktop.run();
    app.becomeReady();
    await running;
    return desktop;
  }

  const consoleWindow = () => windows.created.find((window) => window.options.title === 'Qwen Proxy')!;

  it('starts the API only once Electron is ready, then shows the tray and the console', async () => {
    const desktop = sut();
    const running = desktop.run();
    await Promise.resolve();
    expect(calls).toEqual([]);

    app.becomeReady();
    await running;

    expect(calls).toEqual(['api.start', 'window.create:Qwen Proxy']);
    expect(trays.created).toHaveLength(1);
    expect(consoleWindow().loadedUrls).toEqual(['http://127.0.0.1:3002/']);
    expect(consoleWindow().visible).toBe(true);
  });

  it('runs the API on the user-data folder with the safeStorage-protected key', async () => {
    await started();

    expect(apiEnvironment).toMatchObject({ PROXY_PORT: '4000', DATA_DIR: join(userData, 'data'), SECRET_KEY: expect.any(String) });
    expect(existsSync(join(userData, 'data', protectedKeyFileName))).toBe(true);
  });

  it('lets the API use its key file when safeStorage is unavailable', async () => {
    safeStorage.available = false;

    await started();

    expect(apiEnvironment).not.toHaveProperty('SECRET_KEY');
  });

  it('quits at once when another instance holds the lock; the first one comes forward', async () => {
    app.lockGranted = false;

    await sut().run();

    expect(app.quitCount).toBe(1);
    expect(calls).toEqual([]);

    const first = new FakeApp(userData);
    app = first;
    await started();
    consoleWindow().hide();
    first.launchSecondInstance();
    expect(consoleWindow().visible).toBe(true);
    expect(windows.created.filter((window) => window.options.title === 'Qwen Proxy')).toHaveLength(1);
  });

  it('keeps running in the tray when the window is closed', async () => {
    await started();

    consoleWindow().close();

    expect(consoleWindow().isDestroyed()).toBe(false);
    expect(app.closeAllWindows().quitsByDefault).toBe(false);
    expect(calls).not.toContain('api.close');
    expect(trays.created[0]!.destroyed).toBe(false);
    trays.created[0]!.item('Open Qwen Proxy').click!();
    expect(consoleWindow().visible).toBe(true);
  });

  it('on quit closes the API gracefully first, then lets the quit through', async () => {
    await started();

    expect(app.requestQuit()).toBe(false);
    expect(app.requestQuit()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(api.closeCalls).toEqual([50]);
    expect(api.closed).toBe(true);
    expect(app.quitCount).toBe(1);
    expect(trays.created[0]!.destroyed).toBe(true);
    expect(consoleWindow().isDestroyed()).toBe(true);
    expect(app.requestQuit()).toBe(true);
  });

  it('quits by the deadline when open requests do not finish', async () => {
    api.closeDurationMs = Infinity;
    await started(sut({ quitDeadlineMs: 30 }));

    app.requestQuit();
    await new Promise((resolve) => setTimeout(resolve, 60));

    expect(app.quitCount).toBe(1);
    expect(app.requestQuit()).toBe(true);
  });

  it('tray Quit goes through the same graceful path', async () => {
    await started();

    trays.created[0]!.item('Quit Qwen Proxy').click!();

    expect(app.quitCount).toBe(1);
    expect(app.requestQuit()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.closed).toBe(true);
  });

  it('a quit during start-up closes the API once it is up, and shows no window', async () => {
    let finishStart!: () => void;
    startApi = async () => {
      await new Promise<void>((resolve) => (finishStart = resolve));
      return api;
    };
    const running = sut().run();
    app.becomeReady();
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(app.requestQuit()).toBe(false);
    finishStart();
    await running;

    expect(api.closed).toBe(true);
    expect(windows.created).toHaveLength(0);
    expect(app.quitCount).toBe(1);
  });

  it('shows why and exits when the API cannot start', async () => {
    startApi = async () => {
      throw new Error('Port 3002 (control) is already in use on 127.0.0.1.');
    };

    await started();

    expect(errors).toEqual([{ title: 'Qwen Proxy could not start', message: 'Port 3002 (control) is already in use on 127.0.0.1.' }]);
    expect(app.exitCodes).toEqual([1]);
    expect(windows.created).toHaveLength(0);
  });

  it('hands the admin token and the Qwen login to the console only', async () => {
    await started();

    await expect(ipc.invoke(desktopChannels.getAdminToken, 'http://127.0.0.1:3002/')).resolves.toBe(api.adminToken);
    await expect(ipc.invoke(desktopChannels.getAdminToken, 'https://chat.qwen.ai/')).rejects.toThrow();

    void ipc.invoke(desktopChannels.connectQwen, 'http://127.0.0.1:3002/accounts');
    const loginWindow = windows.created.find((window) => window.options.partition === 'persist:qwen-login')!;
    expect(loginWindow.loadedUrls).toEqual(['https://chat.qwen.ai/']);
    expect(consoleWindow().sent).toContainEqual({ channel: desktopChannels.status, payload: { type: 'qwen-login-changed', state: 'opened' } });
  });
});
