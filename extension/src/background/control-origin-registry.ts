import { matchPatternOf, originOfMatchPattern } from '../shared/control-origins';

const bridgeScriptFile = 'console-bridge.js';
const customBridgeId = 'console-bridge-custom';

/** Control-plane origins the manifest injects the bridge into (the defaults, plus any given at build time). */
export function builtInControlOrigins(): string[] {
  const scripts = chrome.runtime.getManifest().content_scripts ?? [];
  return scripts
    .filter((script) => script.js?.includes(bridgeScriptFile))
    .flatMap((script) => script.matches.map(originOfMatchPattern))
    .filter((origin): origin is string => origin !== undefined);
}

/**
 * Origins the extension pairs with: built in, or allowed by the person from the popup (which
 * asked Chrome for the host permission). Any other page is refused, however it asks, so a web
 * page can never make the extension send Qwen cookies to a server of its choosing.
 */
export async function allowedControlOrigins(custom: readonly string[]): Promise<string[]> {
  const granted: string[] = [];
  for (const origin of custom) if (await chrome.permissions.contains({ origins: [matchPatternOf(origin)] })) granted.push(origin);
  return [...new Set([...builtInControlOrigins(), ...granted])];
}

/** Injects the bridge into custom control-plane origins too, from now on and after restarts. */
export async function registerCustomBridge(origins: readonly string[]): Promise<void> {
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [customBridgeId] });
  if (existing.length > 0) await chrome.scripting.unregisterContentScripts({ ids: [customBridgeId] });
  if (origins.length === 0) return;
  await chrome.scripting.registerContentScripts([
    { id: customBridgeId, matches: origins.map(matchPatternOf), js: [bridgeScriptFile], runAt: 'document_start', persistAcrossSessions: true },
  ]);
}

