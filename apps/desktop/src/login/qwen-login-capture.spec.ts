import type { DesktopStatus, QwenConnectResult } from '../desktop-bridge';
import { FakeDesktopApi } from '../testing/fake-desktop-api';
import { FakeSessionFactory, FakeWindowFactory } from '../testing/fake-electron';
import { defaultQwenLoginOptions, QwenLoginCapture } from './qwen-login-capture';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const debounceMs = defaultQwenLoginOptions.debounceMs;

describe(QwenLoginCapture.name, () => {
  let sessions: FakeSessionFactory;
  let windows: FakeWindowFactory;
  let api: FakeDesktopApi;
  let statuses: DesktopStatus[];
  let sut: QwenLoginCapture;

  beforeEach(() => {
    jest.useFakeTimers();
    sessions = new FakeSessionFactory();
    windows = new FakeWindowFactory();
    api = new FakeDesktopApi();
    statuses = [];
    sut = new QwenLoginCapture(sessions, windows, api, (status) => statuses.push(status), silent);
  });
  afterEach(() => {
    sut.dispose();
    jest.useRealTimers();
  });

  const session = () => sessions.fromPartition('persist:qwen-login');
  const logIn = () => {
    session().setCookie('acw_tc', 'firewall-1');
    session().setCookie('token', 'eyJ.header.payload', '.qwen.ai');
    session().setCookie('ssxmod_itna', 'itna-1', 'chat.qwen.ai');
  };

  it('opens chat.qwen.ai in its own persistent session, with a browser user agent', () => {
    void sut.connect();

    const [window] = windows.created;
    expect(window!.options).toMatchObject({ partition: 'persist:qwen-login', show: true });
    expect(window!.options.preloadPath).toBeUndefined();
    expect(window!.loadedUrls).toEqual(['https://chat.qwen.ai/']);
    expect(session().userAgent).not.toMatch(/Electron|qwen-proxy/);
    expect(statuses).toEqual([{ type: 'qwen-login-changed', state: 'opened' }]);
  });

  it('saves every qwen.ai cookie, the token and the user agent once the burst of login cookies settles', async () => {
    const connected = sut.connect();
    const window = windows.created[0]!;

    logIn();
    session().setCookie('tracker', 'elsewhere', '.example.com');
    await jest.advanceTimersByTimeAsync(debounceMs - 1);
    expect(api.saved).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);

    expect(api.saved).toEqual([
      {
        cookies: 'acw_tc=firewall-1; token=eyJ.header.payload; ssxmod_itna=itna-1',
        token: 'eyJ.header.payload',
        userAgent: session().userAgent,
      },
    ]);
    await expect(connected).resolves.toEqual<QwenConnectResult>({ connected: true, account: { id: 'credential-1', label: 'Qwen me', status: 'valid' } });
    expect(statuses).toContainEqual({ type: 'qwen-login-changed', state: 'connected', account: { id: 'credential-1', label: 'Qwen me', status: 'valid' } });
    expect(window.isDestroyed()).toBe(true);
  });

  it('waits for the token: firewall cookies alone are not a login', async () => {
    void sut.connect();
    session().setCookie('acw_tc', 'firewall-1');
    await jest.advanceTimersByTimeAsync(debounceMs * 3);

    expect(api.saved).toHaveLength(0);
    expect(windows.created[0]!.isDestroyed()).toBe(false);
  });

  it('captures again when the cookies change later, and not when nothing changed', async () => {
    void sut.connect();
    logIn();
    await jest.advanceTimersByTimeAsync(debounceMs);

    session().setCookie('acw_tc', 'firewall-1');
    await jest.advanceTimersByTimeAsync(debounceMs);
    expect(api.saved).toHaveLength(1);

    session().setCookie('token', 'eyJ.refreshed.token');
    await jest.advanceTimersByTimeAsync(debounceMs);
    expect(api.saved).toHaveLength(2);
    expect(api.saved[1]).toMatchObject({ token: 'eyJ.refreshed.token', cookies: expect.stringContaining('token=eyJ.refreshed.token') });
  });

  it('captures an existing login when the page loads, since no cookie changes then', async () => {
    sut.start();
    logIn();
    await jest.advanceTimersByTimeAsync(0);
    api.saved.length = 0;
    const connected = sut.connect();

    windows.created[0]!.finishLoad();
    await jest.advanceTimersByTimeAsync(debounceMs);

    await expect(connected).resolves.toMatchObject({ connected: true });
  });

  it('resolves as not connected when the person closes the login window', async () => {
    const connected = sut.connect();

    windows.created[0]!.close();

    await expect(connected).resolves.toEqual({ connected: false, reason: 'window-closed' });
    expect(statuses.at(-1)).toEqual({ type: 'qwen-login-changed', state: 'closed' });
  });

  it('focuses the open login window instead of opening a second one', () => {
    void sut.connect();
    void sut.connect();

    expect(windows.created).toHaveLength(1);
    expect(windows.created[0]!.focusCount).toBe(1);
  });

  it('reports a save that fails and keeps the window open', async () => {
    api.saveFailure = new Error('No token: send `token`');
    void sut.connect();
    logIn();
    await jest.advanceTimersByTimeAsync(debounceMs);

    expect(statuses).toContainEqual({ type: 'qwen-login-changed', state: 'failed', message: 'No token: send `token`' });
    expect(windows.created[0]!.isDestroyed()).toBe(false);
  });

  it('revokes: deletes only the desktop-captured accounts, clears the session and captures nothing afterwards', async () => {
    api.credentials.set('from-extension', { id: 'from-extension', label: 'other', source: 'extension', status: 'valid' });
    void sut.connect();
    logIn();
    await jest.advanceTimersByTimeAsync(debounceMs);

    await expect(sut.revoke()).resolves.toEqual({ removedAccounts: 1 });
    await jest.advanceTimersByTimeAsync(debounceMs * 3);

    expect([...api.credentials.keys()]).toEqual(['from-extension']);
    expect(session().clearCount).toBe(1);
    expect(api.saved).toHaveLength(1);
    expect(statuses.at(-1)).toEqual({ type: 'qwen-login-changed', state: 'revoked' });
  });

  it('after a revoke, the same login is captured again on the next connect', async () => {
    void sut.connect();
    logIn();
    await jest.advanceTimersByTimeAsync(debounceMs);
    await sut.revoke();

    void sut.connect();
    logIn();
    await jest.advanceTimersByTimeAsync(debounceMs);

    expect(api.saved).toHaveLength(2);
  });

  it('settles a pending connect when revoked', async () => {
    const connected = sut.connect();

    await sut.revoke();

    await expect(connected).resolves.toEqual({ connected: false, reason: 'revoked' });
  });

  it('stops listening to the cookie store on dispose', () => {
    sut.start();
    expect(session().listenerCount()).toBe(1);

    sut.dispose();

    expect(session().listenerCount()).toBe(0);
  });
});
