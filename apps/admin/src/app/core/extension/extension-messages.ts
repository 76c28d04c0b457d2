/** The page bridge between the console and the Chrome extension (window.postMessage). */

export const consoleSource = 'qwen-proxy-console';
export const extensionSource = 'qwen-proxy-extension';

export type ConsoleToExtension = { source: typeof consoleSource; type: 'ping' } | { source: typeof consoleSource; type: 'pair'; controlUrl: string; code: string };

export interface ExtensionPong {
  source: typeof extensionSource;
  type: 'pong';
  version: string;
  paired: boolean;
}

export interface ExtensionInfo {
  version: string;
  paired: boolean;
}

/** A pong from the extension, or undefined for anything else posted to the window. */
export function readPong(data: unknown): ExtensionInfo | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const message = data as Partial<ExtensionPong>;
  if (message.source !== extensionSource || message.type !== 'pong') return undefined;
  return { version: typeof message.version === 'string' ? message.version : 'unknown', paired: message.paired === true };
}
