import type { Repository } from 'typeorm';
import type { SettingEntity } from '@qwen-proxy/persistence';
import { loadConfig } from '../config/app-config';
import { StatusEvents } from '../events/status-events';
import { type RuntimeSettings, runtimeSettingsSchema } from './runtime-settings';
import { SettingsService } from './settings.service';

/** The settings table as a map: what `find` returns is what `save` stored. */
function inMemoryRepository(rows = new Map<string, unknown>()): Repository<SettingEntity> {
  return {
    find: async () => [...rows].map(([key, value]) => ({ key, value, updatedAt: 0 })),
    save: async (entities: { key: string; value: unknown }[]) => {
      for (const entity of entities) rows.set(entity.key, entity.value);
      return entities;
    },
  } as unknown as Repository<SettingEntity>;
}

/** A value different from the default for every setting. */
const nonDefault: Required<RuntimeSettings> = {
  routingStrategy: 'round-robin',
  providerFailureThreshold: 9,
  providerCooldownSeconds: 45,
  providerMaxCooldownSeconds: 900,
  accountConcurrency: 7,
  deleteExpiredChats: false,
  logBodies: false,
  retentionDays: 40,
  bodyRetentionDays: 5,
  requireApiKeys: false,
  modelAliases: { 'gpt-4o': 'qwen3-max' },
};

describe(SettingsService.name, () => {
  const config = loadConfig({ DATA_DIR: '/tmp/unused' });

  async function start(rows = new Map<string, unknown>(), logBodies = config.logBodies): Promise<SettingsService> {
    const sut = new SettingsService(inMemoryRepository(rows), new StatusEvents(), { ...config, logBodies });
    await sut.onModuleInit();
    return sut;
  }

  it('reproduces the report: a second PATCH keeps what the first one set', async () => {
    const sut = await start();
    await sut.update({ routingStrategy: 'round-robin', accountConcurrency: 7, retentionDays: 40, modelAliases: { 'gpt-4o': 'qwen3-max' } });
    const after = await sut.update({ bodyRetentionDays: 5 });
    expect(after).toMatchObject({ routingStrategy: 'round-robin', accountConcurrency: 7, retentionDays: 40, bodyRetentionDays: 5, modelAliases: { 'gpt-4o': 'qwen3-max' } });
  });

  it.each(Object.keys(nonDefault) as (keyof RuntimeSettings)[])('a PATCH of another setting leaves %s as saved, in memory and in the database', async (key) => {
    const rows = new Map<string, unknown>();
    const sut = await start(rows);
    await sut.update({ [key]: nonDefault[key] });
    for (const other of Object.keys(nonDefault) as (keyof RuntimeSettings)[]) {
      if (other === key) continue;
      await sut.update({ [other]: nonDefault[other] });
      expect(sut.get()[key]).toEqual(nonDefault[key]);
    }
    expect(sut.get()).toEqual(nonDefault);
    // Only the named key is written, and a restart reads back the same settings.
    expect(rows.get(key)).toEqual(nonDefault[key]);
    expect((await start(rows)).get()).toEqual(nonDefault);
  });

  it('writes only the keys a PATCH names', async () => {
    const rows = new Map<string, unknown>();
    const sut = await start(rows);
    await sut.update({ retentionDays: 40 });
    expect([...rows.keys()]).toEqual(['retentionDays']);
  });

  it('keeps the other stored settings when one stored value is no longer valid', async () => {
    const sut = await start(new Map<string, unknown>([['retentionDays', 40], ['routingStrategy', 'fastest']]));
    expect(sut.get()).toMatchObject({ retentionDays: 40, routingStrategy: 'priority' });
  });

  it('shows logBodies as LOG_BODIES until the user chooses', async () => {
    expect((await start(new Map(), true)).get().logBodies).toBe(true);
    expect((await start(new Map(), false)).get().logBodies).toBe(false);
    const chosen = await start(new Map<string, unknown>([['logBodies', false]]), true);
    expect(chosen.get().logBodies).toBe(false);
  });

  it('refuses an invalid or unknown setting without changing anything', async () => {
    const sut = await start();
    await expect(sut.update({ retentionDays: 0 })).rejects.toMatchObject({ code: 'invalid_setting', param: 'retentionDays' });
    await expect(sut.update({ noSuchSetting: 1 })).rejects.toMatchObject({ code: 'invalid_setting' });
    expect(sut.get()).toEqual({ ...runtimeSettingsSchema.parse({}), logBodies: config.logBodies });
    expect(sut.get()).not.toHaveProperty('requireApiKeys');
  });
});
