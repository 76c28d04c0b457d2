import { join } from 'node:path';
import { desktopDataDirectory, desktopEnvironment } from './desktop-environment';

describe('desktop environment', () => {
  it('keeps the data in the user-data folder unless DATA_DIR is set', () => {
    expect(desktopDataDirectory({}, '/home/me/.config/Qwen Proxy')).toBe(join('/home/me/.config/Qwen Proxy', 'data'));
    expect(desktopDataDirectory({ DATA_DIR: '/tmp/elsewhere' }, '/ignored')).toBe('/tmp/elsewhere');
  });

  it('passes the protected key as SECRET_KEY, but an explicit SECRET_KEY wins', () => {
    expect(desktopEnvironment({ PROXY_PORT: '4000' }, '/data', 'protected')).toEqual({ PROXY_PORT: '4000', DATA_DIR: '/data', SECRET_KEY: 'protected' });
    expect(desktopEnvironment({ SECRET_KEY: 'mine' }, '/data', 'protected').SECRET_KEY).toBe('mine');
    expect(desktopEnvironment({}, '/data', undefined)).toEqual({ DATA_DIR: '/data' });
  });
});
