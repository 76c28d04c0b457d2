/**
 * The page bridge between the admin console and the extension, over `window.postMessage` on
 * the control plane's own page. The console builds against exactly these shapes.
 */
export const consoleSource = 'qwen-proxy-console';
export const extensionSource = 'qwen-proxy-extension';

export type ConsoleMessage = { source: typeof consoleSource; type: 'ping' } | { source: typeof consoleSource; type: 'pair'; controlUrl: string; code: string };

export type ExtensionMessage =
  | { source: typeof extensionSource; type: 'pong'; version: string; paired: boolean }
  | { source: typeof extensionSource; type: 'paired'; ok: true }
  | { source: typeof extensionSource; type: 'paired'; ok: false; error: string };

/** A console message, or undefined for anything else a page may post (other scripts use postMessage too). */
export function parseConsoleMessage(data: unknown): ConsoleMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Record<string, unknown>;
  if (message.source !== consoleSource) return undefined;
  if (message.type === 'ping') return { source: consoleSource, type: 'ping' };
  if (message.type === 'pair' && typeof message.controlUrl === 'string' && typeof message.code === 'string' && message.code.length > 0 && message.code.length <= 200) {
    return { source: consoleSource, type: 'pair', controlUrl: message.controlUrl, code: message.code };
  }
  return undefined;
}
