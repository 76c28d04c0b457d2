/**
 * Electron's user agent names Electron and the app; Qwen's firewall then sees a browser it does
 * not know, and the proxy later replays the captured user agent upstream. Strip those tokens so
 * both look like the Chrome that Electron is.
 */
export function browserUserAgent(electronUserAgent: string): string {
  return electronUserAgent
    .replace(/\s(Electron|qwen-proxy|Qwen ?Proxy)\/\S+/gi, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
