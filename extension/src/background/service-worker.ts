import { isQwenCookie } from './cookie-jar';
import { allowedControlOrigins } from './control-origin-registry';
import { CredentialSync } from './credential-sync';
import { Debouncer } from './debouncer';
import { extensionStorage } from './extension-storage';
import { injectIntoOpenTabs } from './open-tabs';
import { createRuntimeRouter } from './runtime-router';

const periodicSyncAlarm = 'periodic-sync';
/** A login or a WAF refresh sets many cookies within a second or two: wait for the burst to end. */
const cookieQuietMs = 2000;

const sync = new CredentialSync(navigator.userAgent);
const debouncedSync = new Debouncer(cookieQuietMs, () => void sync.run(false));
const router = createRuntimeRouter({ sync, debouncedSync, version: chrome.runtime.getManifest().version, userAgent: navigator.userAgent });

// Listeners are registered synchronously at the top level: Chrome delivers the event that woke
// the worker only to listeners present after the first run of this script.
chrome.cookies.onChanged.addListener(({ cookie }) => {
  if (isQwenCookie(cookie)) debouncedSync.trigger();
});
chrome.runtime.onMessage.addListener(router.listener);
chrome.runtime.onInstalled.addListener(() => void sync.run(true));
chrome.runtime.onStartup.addListener(() => void sync.run(true));
chrome.alarms.onAlarm.addListener((alarm) => {
  // Catches up after a failed delivery (control plane down) and after a token expiry.
  if (alarm.name === periodicSyncAlarm) void sync.run(false);
});
void chrome.alarms.create(periodicSyncAlarm, { periodInMinutes: 1 });

void (async () => {
  await injectIntoOpenTabs(await allowedControlOrigins(await extensionStorage.customControlOrigins()));
  await sync.run(false);
})();
