import type { Settings } from '../../core/api/api-types';

/** Only the keys that changed, for PATCH /api/settings. Pure. */
export function changedSettings(saved: Settings, draft: Settings): Partial<Settings> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(draft) as (keyof Settings)[]) {
    if (JSON.stringify(saved[key]) !== JSON.stringify(draft[key])) patch[key] = typeof saved[key] === 'number' ? Number(draft[key]) : draft[key];
  }
  return patch as Partial<Settings>;
}
