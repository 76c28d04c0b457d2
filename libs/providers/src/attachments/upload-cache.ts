export interface UploadCacheOptions {
  /** How long an upload is reused. Qwen's file URLs are signed and expire, so keep it modest. */
  ttlMs?: number;
  /** Oldest entries go first beyond this many. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry<T> {
  value: Promise<T>;
  expiresAt: number;
}

/**
 * Uploads already made, by key (account and content hash): a conversation that resends the same
 * image does not upload it again. Concurrent requests for one key share one upload; a failed
 * upload is forgotten at once, so the next request tries again.
 */
export class UploadCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: UploadCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.maxEntries = options.maxEntries ?? 1_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  getOrCreate(key: string, create: () => Promise<T>): Promise<T> {
    const existing = this.entries.get(key);
    if (existing && existing.expiresAt > this.now()) return existing.value;
    this.entries.delete(key);
    const value = create();
    const entry: Entry<T> = { value, expiresAt: this.now() + this.ttlMs };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    this.evictOverflow();
    return value;
  }

  clear(): void {
    this.entries.clear();
  }

  private evictOverflow(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) return;
      this.entries.delete(key);
    }
  }
}

/** The cache key of one upload: the same bytes on another account are another file. */
export function uploadCacheKey(accountId: string, sha256: string): string {
  return `${accountId}:${sha256}`;
}
