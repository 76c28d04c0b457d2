/** What a provider row keeps in its `settings` JSON column. */
export interface ProviderRowSettings {
  headers?: Record<string, string>;
  timeouts?: { connectMs?: number; firstByteMs?: number; totalMs?: number };
  models?: string[];
  modelPatterns?: string[];
}

export const defaultTimeouts = { connectMs: 10_000, firstByteMs: 60_000, totalMs: 600_000 };

/** `llama*` → /^llama.*$/; everything but `*` is literal. */
export function patternMatches(pattern: string, model: string): boolean {
  const expression = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${expression}$`, 'i').test(model);
}
