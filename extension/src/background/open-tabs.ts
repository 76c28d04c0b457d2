import { matchPatternOf } from '../shared/control-origins';

/**
 * Injects the content scripts into tabs that were already open when the worker started: a page
 * opened with the browser (or before the extension was installed) gets no manifest content
 * script. The scripts guard against running twice.
 */
export async function injectIntoOpenTabs(controlOrigins: readonly string[]): Promise<void> {
  const targets: [string[], string][] = [
    [['https://chat.qwen.ai/*'], 'qwen-page.js'],
    [controlOrigins.map(matchPatternOf), 'console-bridge.js'],
  ];
  for (const [patterns, file] of targets) {
    if (patterns.length === 0) continue;
    const tabs = await chrome.tabs.query({ url: patterns }).catch(() => []);
    for (const tab of tabs) {
      if (tab.id === undefined) continue;
      await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: [file] }).catch(() => undefined);
    }
  }
}
