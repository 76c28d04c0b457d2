import { FakeDesktopApi } from '../testing/fake-desktop-api';
import { FakeTrayFactory } from '../testing/fake-electron';
import { TrayController } from './tray.controller';

describe(TrayController.name, () => {
  let trays: FakeTrayFactory;
  let api: FakeDesktopApi;
  let calls: string[];
  let errors: string[];
  let sut: TrayController;

  beforeEach(() => {
    trays = new FakeTrayFactory();
    calls = [];
    errors = [];
    api = new FakeDesktopApi(calls);
    sut = new TrayController(trays, api, { info: () => undefined, warn: () => undefined, error: (message) => errors.push(message) }, {
      open: () => calls.push('open'),
      quit: () => calls.push('quit'),
    });
    sut.create('/icons/tray.png');
  });

  const tray = () => trays.created[0]!;

  it('shows the proxy state, Open, Stop and Quit', () => {
    expect(tray().iconPath).toBe('/icons/tray.png');
    expect(tray().labels()).toEqual(['Proxy running on http://127.0.0.1:3000', 'Open Qwen Proxy', 'Stop proxy', 'Quit Qwen Proxy']);
    expect(tray().item('Proxy running on http://127.0.0.1:3000').enabled).toBe(false);
    expect(tray().toolTip).toBe('Qwen Proxy: proxy running on http://127.0.0.1:3000');
  });

  it('stops and starts the proxy from its menu', async () => {
    tray().item('Stop proxy').click!();
    await new Promise(setImmediate);
    expect(calls).toContain('api.stopProxy');
    expect(tray().labels()).toContain('Start proxy');
    expect(tray().toolTip).toBe('Qwen Proxy: proxy stopped');

    tray().item('Start proxy').click!();
    await new Promise(setImmediate);
    expect(calls).toContain('api.startProxy');
    expect(tray().labels()).toContain('Stop proxy');
  });

  it('disables Start/Stop while one is under way, so a double click does not race', async () => {
    const toggleItem = () => tray().menu.find((item) => /^(Start|Stop) proxy$/.test(item.label))!;
    const toggling = sut.toggleProxy();

    expect(toggleItem().enabled).toBe(false);
    void sut.toggleProxy();
    await toggling;
    expect(calls.filter((call) => call === 'api.stopProxy')).toHaveLength(1);
    expect(tray().item('Start proxy').enabled).toBe(true);
  });

  it('follows listener events from elsewhere (the console stopped the proxy)', () => {
    api.setRunning(false);

    expect(tray().labels()).toEqual(['Proxy stopped', 'Open Qwen Proxy', 'Start proxy', 'Quit Qwen Proxy']);
  });

  it('keeps a truthful menu when starting fails', async () => {
    api.setRunning(false);
    api.startProxy = async () => {
      throw new Error('Port 3000 (proxy) is already in use on 127.0.0.1.');
    };

    await sut.toggleProxy();

    expect(errors[0]).toMatch(/Could not start the proxy: Port 3000/);
    expect(tray().labels()).toContain('Start proxy');
  });

  it('opens the window from the menu and on click, and quits from the menu', () => {
    tray().item('Open Qwen Proxy').click!();
    tray().click();
    tray().item('Quit Qwen Proxy').click!();

    expect(calls).toEqual(['open', 'open', 'quit']);
  });

  it('stops following events and removes the icon when destroyed', () => {
    sut.destroy();

    expect(tray().destroyed).toBe(true);
    expect(api.listenerCount()).toBe(0);
  });
});
