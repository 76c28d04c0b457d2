import { FakeWindowFactory } from '../testing/fake-electron';
import { MainWindowController } from './main-window.controller';

describe(MainWindowController.name, () => {
  let windows: FakeWindowFactory;
  let opened: string[];
  let sut: MainWindowController;

  beforeEach(() => {
    windows = new FakeWindowFactory();
    opened = [];
    sut = new MainWindowController(
      windows,
      { openExternal: async (url) => void opened.push(url) },
      { info: () => undefined, warn: () => undefined, error: () => undefined },
      { controlUrl: 'http://127.0.0.1:3002', preloadPath: '/app/preload.js', version: '1.2.3' },
    );
  });

  const window = () => windows.created[0]!;

  it('loads the console without the admin token in the URL, with the preload bridge', () => {
    sut.show();

    expect(window().loadedUrls).toEqual(['http://127.0.0.1:3002/']);
    expect(window().options).toMatchObject({ preloadPath: '/app/preload.js', additionalArguments: ['--qwen-proxy-desktop-version=1.2.3'] });
    expect(window().visible).toBe(true);
  });

  it('creates one window and focuses it when shown again', () => {
    sut.show();
    sut.show();

    expect(windows.created).toHaveLength(1);
    expect(window().focusCount).toBe(2);
  });

  it('hides instead of closing, so the app lives on in the tray, and shows the same window again', () => {
    sut.show();

    window().close();

    expect(window().isDestroyed()).toBe(false);
    expect(window().visible).toBe(false);
    sut.show();
    expect(windows.created).toHaveLength(1);
    expect(window().visible).toBe(true);
  });

  it('really closes once quitting', () => {
    sut.show();

    sut.close();

    expect(window().isDestroyed()).toBe(true);
  });

  it('keeps the window on the console and opens other links in the system browser', async () => {
    sut.show();

    expect(window().navigate('http://127.0.0.1:3002/requests')).toBe(true);
    expect(window().navigate('https://chat.qwen.ai/')).toBe(false);
    expect(window().openChild('https://github.com/')).toBe(false);
    expect(window().openChild('file:///etc/passwd')).toBe(false);
    await Promise.resolve();
    expect(opened).toEqual(['https://chat.qwen.ai/', 'https://github.com/']);
  });

  it('trusts only the console origin', () => {
    expect(sut.isConsoleUrl('http://127.0.0.1:3002/accounts')).toBe(true);
    expect(sut.isConsoleUrl('http://127.0.0.1:3000/')).toBe(false);
    expect(sut.isConsoleUrl('https://chat.qwen.ai/')).toBe(false);
    expect(sut.isConsoleUrl('')).toBe(false);
  });

  it('sends messages to the page only while it exists', () => {
    sut.send('channel', 1);
    sut.show();
    sut.send('channel', 2);

    expect(window().sent).toEqual([{ channel: 'channel', payload: 2 }]);
  });
});
