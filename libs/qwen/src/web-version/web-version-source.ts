/** How the front-end version is found and how long a found one is trusted (audit B1). */
export interface WebVersionDiscoveryOptions {
  /** A fixed version (`QWEN_WEB_VERSION`): sent as is, never discovered. */
  override?: string;
  /** The page whose HTML names the build, relative to the base URL. Default `/`. */
  homepagePath: string;
  /**
   * A regular expression (source text) whose first capture group is the version, matched against
   * the homepage's HTML. Default: the `qwen-chat-fe/<version>/` asset path.
   */
  pattern: string;
  /** How long a discovered version is reused before the homepage is read again. */
  cacheMs: number;
}

/** The asset path of the web build, as the homepage links it: `…/qwen-chat-fe/0.3.12/js/main.js`. */
export const defaultWebVersionPattern = String.raw`qwen-chat-fe/(\d+(?:\.\d+)+)/`;

/** The version named by `html`, or undefined when the pattern does not match (the page changed). */
export function extractWebVersion(html: string, pattern: string = defaultWebVersionPattern): string | undefined {
  const match = new RegExp(pattern).exec(html);
  const version = match?.[1] ?? match?.[0];
  return version ? version : undefined;
}

/** Where the version came from, for the doctor and for error messages. */
export type WebVersionOrigin = 'configured' | 'discovered' | 'none';

export interface WebVersion {
  value?: string;
  origin: WebVersionOrigin;
}

/**
 * The `version` header completions need. Completions sent without the current front-end version
 * answer `Bad_Request` (OmniRoute PR #5855), and the version changes every few weeks (0.2.63 →
 * 0.3.12 between June and September 2026), so it is read off the homepage and cached instead of
 * pinned. Concurrent callers share one homepage request.
 */
export class WebVersionSource {
  private cached?: { value: string; foundAt: number };
  private pending?: Promise<WebVersion>;

  constructor(
    private readonly options: WebVersionDiscoveryOptions,
    /** Reads the homepage's HTML; rejects on a network failure. */
    private readonly fetchHomepage: (path: string, signal?: AbortSignal) => Promise<string>,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when a fixed version is configured: re-discovering then cannot help. */
  get isConfigured(): boolean {
    return this.options.override !== undefined;
  }

  /** The version to send now: the configured one, a fresh cached one, or a newly discovered one. */
  async current(signal?: AbortSignal): Promise<WebVersion> {
    if (this.options.override !== undefined) return { value: this.options.override, origin: 'configured' };
    if (this.cached && this.now() - this.cached.foundAt < this.options.cacheMs) {
      return { value: this.cached.value, origin: 'discovered' };
    }
    return this.discover(signal);
  }

  /**
   * Reads the homepage again, whatever the cache holds: after a `Bad_Request` the cached version
   * is the first suspect. When the page cannot be read, the last known version is kept.
   */
  refresh(signal?: AbortSignal): Promise<WebVersion> {
    if (this.options.override !== undefined) return Promise.resolve({ value: this.options.override, origin: 'configured' });
    return this.discover(signal);
  }

  private discover(signal?: AbortSignal): Promise<WebVersion> {
    this.pending ??= this.readHomepage(signal).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async readHomepage(signal?: AbortSignal): Promise<WebVersion> {
    let html: string;
    try {
      html = await this.fetchHomepage(this.options.homepagePath, signal);
    } catch {
      return this.lastKnown();
    }
    const value = extractWebVersion(html, this.options.pattern);
    if (!value) return this.lastKnown();
    this.cached = { value, foundAt: this.now() };
    return { value, origin: 'discovered' };
  }

  private lastKnown(): WebVersion {
    return this.cached ? { value: this.cached.value, origin: 'discovered' } : { origin: 'none' };
  }
}
