/**
 * The front-end build the fake is "serving" (audit B1). Completions must carry its version in
 * the `version` header; `chats/new` refuses one that is not current (stale) with the
 * `unauthorized` shape SilverioSG recorded, but accepts none at all.
 */
export class WebBuild {
  private currentVersion: string;
  /** Versions served before the current one: what a proxy that cached too long would send. */
  readonly retired: string[] = [];

  constructor(version: string) {
    this.currentVersion = version;
  }

  get version(): string {
    return this.currentVersion;
  }

  /** A new deploy: the old version goes stale at once, as it does upstream. */
  deploy(version: string): void {
    if (version === this.currentVersion) return;
    this.retired.push(this.currentVersion);
    this.currentVersion = version;
  }

  /** The homepage's HTML, with the asset paths the proxy discovers the version from. */
  homepageHtml(): string {
    const base = `/qwen-chat-fe/${this.currentVersion}`;
    return [
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Qwen Chat</title>',
      `<link rel="stylesheet" href="https://assets.alicdn.com/g/qwenweb${base}/css/main.css">`,
      `<script>window.__prerendered_data={"models":[]};</script>`,
      '</head><body><div id="root"></div>',
      `<script src="https://assets.alicdn.com/g/qwenweb${base}/js/vendor.js"></script>`,
      `<script src="https://assets.alicdn.com/g/qwenweb${base}/js/main.js"></script>`,
      '</body></html>',
    ].join('');
  }
}
