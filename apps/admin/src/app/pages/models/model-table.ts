import type { ModelEntry } from '../../core/api/api-types';

export type ModelSortKey = 'id' | 'provider' | 'contextLength';

/** Filters by any visible text and sorts. Pure. */
export function filterAndSortModels(models: readonly ModelEntry[], search: string, key: ModelSortKey, direction: 'asc' | 'desc' | ''): ModelEntry[] {
  const needle = search.trim().toLowerCase();
  const filtered = needle
    ? models.filter((model) =>
        [model.id, model.providerName, model.provider, model.aliasOf ?? '', model.displayName ?? '', ...Object.keys(model.capabilities ?? {}).filter((name) => model.capabilities?.[name])]
          .join(' ')
          .toLowerCase()
          .includes(needle),
      )
    : [...models];
  if (!direction) return filtered;
  const sign = direction === 'asc' ? 1 : -1;
  return filtered.sort((a, b) => {
    const left = key === 'contextLength' ? (a.contextLength ?? -1) : key === 'provider' ? a.providerName : a.id;
    const right = key === 'contextLength' ? (b.contextLength ?? -1) : key === 'provider' ? b.providerName : b.id;
    return (left < right ? -1 : left > right ? 1 : 0) * sign;
  });
}

export function capabilityNames(model: ModelEntry): string[] {
  return Object.entries(model.capabilities ?? {})
    .filter(([, on]) => on)
    .map(([name]) => name);
}
