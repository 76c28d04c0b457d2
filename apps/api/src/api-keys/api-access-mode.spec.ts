import { apiAccessModeOf } from './api-access-mode';

describe(apiAccessModeOf.name, () => {
  const loopback = { onLoopback: true, requireApiKeys: undefined, anyKeyDefined: false, activeKeys: 0 };

  it('is open on loopback until a key exists', () => {
    expect(apiAccessModeOf(loopback)).toMatchObject({ keysRequired: false, reason: 'no-keys' });
    expect(apiAccessModeOf({ ...loopback, anyKeyDefined: true, activeKeys: 1 })).toMatchObject({ keysRequired: true, reason: 'keys-exist' });
  });

  it('follows the setting on loopback, both ways', () => {
    expect(apiAccessModeOf({ ...loopback, requireApiKeys: true })).toMatchObject({ keysRequired: true, reason: 'required-by-setting', message: expect.stringContaining('No key is active') });
    expect(apiAccessModeOf({ ...loopback, requireApiKeys: false, anyKeyDefined: true, activeKeys: 2 })).toMatchObject({ keysRequired: false, reason: 'open-by-setting' });
  });

  it('always needs keys beyond loopback, whatever the setting says', () => {
    expect(apiAccessModeOf({ ...loopback, onLoopback: false, requireApiKeys: false })).toMatchObject({ keysRequired: true, reason: 'beyond-loopback' });
  });
});
