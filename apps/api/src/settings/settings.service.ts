import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { BadRequestError } from '@qwen-proxy/contracts';
import { SettingEntity } from '@qwen-proxy/persistence';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { StatusEvents } from '../events/status-events';
import { type RuntimeSettings, runtimeSettingsSchema, runtimeSettingsUpdateSchema } from './runtime-settings';

/** Runtime settings: read from memory on the hot path, written through to the database. */
@Injectable()
export class SettingsService implements OnModuleInit {
  /** What is stored (a key never saved is at its default; `logBodies` may be unset). */
  private current: RuntimeSettings = runtimeSettingsSchema.parse({});
  private effective: RuntimeSettings = this.current;

  constructor(
    @InjectRepository(SettingEntity) private readonly repository: Repository<SettingEntity>,
    private readonly events: StatusEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const rows = await this.repository.find();
    // Each stored value is checked on its own: one a newer version no longer accepts falls back
    // to its default without taking the user's other settings with it.
    const stored: Record<string, unknown> = {};
    for (const row of rows) {
      if (runtimeSettingsUpdateSchema.safeParse({ [row.key]: row.value }).success) stored[row.key] = row.value;
    }
    this.current = runtimeSettingsSchema.parse(stored);
    this.effective = this.withEffectiveDefaults(this.current);
  }

  /**
   * The settings in force. `logBodies` is always a boolean here: the stored choice, else
   * `LOG_BODIES`, so the console's toggle shows whether bodies are really kept.
   */
  get(): RuntimeSettings {
    return this.effective;
  }

  private withEffectiveDefaults(settings: RuntimeSettings): RuntimeSettings {
    return Object.freeze({ ...settings, logBodies: settings.logBodies ?? this.config.logBodies });
  }

  async update(changes: unknown): Promise<RuntimeSettings> {
    const parsed = runtimeSettingsUpdateSchema.safeParse(changes);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const param = issue.path.join('.') || undefined;
      throw new BadRequestError(`Invalid setting${param ? ` ${param}` : ''}: ${issue.message}.`, { code: 'invalid_setting', param });
    }
    const next = runtimeSettingsSchema.parse({ ...this.current, ...parsed.data });
    const now = Date.now();
    const changedKeys = Object.keys(parsed.data) as (keyof RuntimeSettings)[];
    await this.repository.save(changedKeys.map((key) => ({ key, value: next[key], updatedAt: now })));
    this.current = next;
    this.effective = this.withEffectiveDefaults(next);
    this.events.publish({ type: 'settings-changed' });
    return this.effective;
  }
}
