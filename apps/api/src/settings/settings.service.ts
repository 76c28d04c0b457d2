import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { BadRequestError } from '@qwen-proxy/contracts';
import { SettingEntity } from '@qwen-proxy/persistence';
import { StatusEvents } from '../events/status-events';
import { type RuntimeSettings, runtimeSettingsSchema, runtimeSettingsUpdateSchema } from './runtime-settings';

/** Runtime settings: read from memory on the hot path, written through to the database. */
@Injectable()
export class SettingsService implements OnModuleInit {
  private current: RuntimeSettings = runtimeSettingsSchema.parse({});

  constructor(
    @InjectRepository(SettingEntity) private readonly repository: Repository<SettingEntity>,
    private readonly events: StatusEvents,
  ) {}

  async onModuleInit(): Promise<void> {
    const rows = await this.repository.find();
    const stored = Object.fromEntries(rows.map((row) => [row.key, row.value]));
    // A stored value a newer version no longer accepts falls back to its default, not a crash.
    const parsed = runtimeSettingsSchema.safeParse(stored);
    this.current = parsed.success ? parsed.data : runtimeSettingsSchema.parse({});
  }

  get(): RuntimeSettings {
    return this.current;
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
    this.events.publish({ type: 'settings-changed' });
    return next;
  }
}
