import { defaultControlUrl, originOf } from '../shared/control-origins';
import type { PopupState } from '../shared/popup-state';
import type { BridgeHelloAnswer, PairAnswer, RuntimeRequest } from '../shared/runtime-messages';
import { allowedControlOrigins, registerCustomBridge } from './control-origin-registry';
import { controlPlaneClient } from './control-plane-client';
import { type CredentialSync, currentQwenSession } from './credential-sync';
import type { Debouncer } from './debouncer';
import { extensionStorage } from './extension-storage';
import { afterSync } from './sync-state';

const qwenOrigin = 'https://chat.qwen.ai';

interface RouterDependencies {
  sync: CredentialSync;
  /** Debounced sync, shared with cookie changes. */
  debouncedSync: Debouncer;
  version: string;
  userAgent: string;
}

/** The origin a message really came from: Chrome fills `sender.origin` itself, a page cannot forge it. */
function senderOrigin(sender: chrome.runtime.MessageSender): string | undefined {
  return sender.origin ?? (sender.url ? originOf(sender.url) : undefined);
}

function fromExtensionPage(sender: chrome.runtime.MessageSender): boolean {
  // Content scripts report the page's URL, so only the extension's own pages (popup, options) pass.
  return sender.id === chrome.runtime.id && (sender.url ?? '').startsWith(chrome.runtime.getURL(''));
}

/** Answers the content scripts and the popup; every request is checked against who may send it. */
export function createRuntimeRouter(dependencies: RouterDependencies) {
  const { sync, debouncedSync, version, userAgent } = dependencies;

  async function bridgeHello(request: { controlUrl: string }, sender: chrome.runtime.MessageSender): Promise<BridgeHelloAnswer | undefined> {
    if (senderOrigin(sender) !== request.controlUrl) return undefined;
    const pairing = await extensionStorage.pairing();
    return { version, paired: pairing?.controlUrl === request.controlUrl };
  }

  async function bridgePair(request: { controlUrl: string; code: string }, sender: chrome.runtime.MessageSender): Promise<PairAnswer> {
    const origin = senderOrigin(sender);
    if (origin !== request.controlUrl || sender.tab === undefined) {
      return { ok: false, error: 'Pairing must come from the control plane page itself (controlUrl must be its own origin).' };
    }
    const allowed = await allowedControlOrigins(await extensionStorage.customControlOrigins());
    if (!allowed.includes(origin)) {
      return { ok: false, error: `${origin} is not a control plane this extension knows: add it in the extension's popup first.` };
    }
    const result = await controlPlaneClient.pair(origin, request.code, userAgent);
    if (!result.ok) return { ok: false, error: result.message };
    await extensionStorage.setPairing({ controlUrl: origin, token: result.token });
    // Deliver what the browser already holds right away: the person may be logged in to Qwen already.
    void sync.run(true);
    return { ok: true };
  }

  async function qwenPage(request: { token: string | null }, sender: chrome.runtime.MessageSender): Promise<void> {
    if (senderOrigin(sender) !== qwenOrigin) return;
    if ((await extensionStorage.pageToken()) === request.token) return;
    await extensionStorage.setPageToken(request.token);
    debouncedSync.trigger();
  }

  async function popupState(): Promise<PopupState> {
    let pairing = await extensionStorage.pairing();
    const controlUrl = pairing?.controlUrl ?? (await extensionStorage.controlUrl()) ?? defaultControlUrl;
    const [session, memory, proxyReachable, status] = await Promise.all([
      currentQwenSession(),
      extensionStorage.syncMemory(),
      controlPlaneClient.reachable(controlUrl),
      pairing ? controlPlaneClient.status(pairing) : Promise.resolve(undefined),
    ]);
    let lastSync = memory.lastSync;
    if (status === 'refused') {
      // Revoked by the admin: same outcome as a refused delivery, so the popup says why it is unpaired.
      const refused = afterSync(memory, { type: 'refused', at: Date.now(), message: 'The control plane no longer accepts this extension: pair it again.' });
      await Promise.all([extensionStorage.setPairing(undefined), extensionStorage.setSyncMemory(refused)]);
      pairing = undefined;
      lastSync = refused.lastSync;
    }
    return {
      version,
      controlUrl,
      paired: pairing !== undefined,
      loggedIn: session.login.loggedIn,
      tokenExpiresAt: session.login.expiresAt,
      lastSync,
      credentialStatus: status && status !== 'refused' ? status.credentialStatus : null,
      proxyReachable,
    };
  }

  async function allowControlOrigin(request: { controlUrl: string }): Promise<PopupState> {
    const origin = originOf(request.controlUrl);
    if (origin) {
      const custom = await extensionStorage.customControlOrigins();
      const next = [...new Set([...custom, origin])];
      // The popup asked Chrome for the permission in its click handler; only keep origins Chrome granted.
      const granted = await allowedControlOrigins(next);
      const customGranted = next.filter((candidate) => granted.includes(candidate));
      await extensionStorage.setCustomControlOrigins(customGranted);
      await registerCustomBridge(customGranted);
      await extensionStorage.setControlUrl(origin);
    }
    return popupState();
  }

  async function handle(request: RuntimeRequest, sender: chrome.runtime.MessageSender): Promise<unknown> {
    switch (request.type) {
      case 'bridge-hello':
        return bridgeHello(request, sender);
      case 'bridge-pair':
        return bridgePair(request, sender);
      case 'qwen-page':
        return qwenPage(request, sender);
    }
    if (!fromExtensionPage(sender)) return undefined;
    switch (request.type) {
      case 'popup-state':
        return popupState();
      case 'sync-now':
        await sync.run(true);
        return popupState();
      case 'unpair':
        await extensionStorage.setPairing(undefined);
        return popupState();
      case 'allow-control-origin':
        return allowControlOrigin(request);
    }
  }

  return {
    /** chrome.runtime.onMessage listener: true keeps the channel open for the asynchronous answer. */
    listener(message: unknown, sender: chrome.runtime.MessageSender, sendResponse: (response?: unknown) => void): boolean {
      if (typeof message !== 'object' || message === null || typeof (message as { type?: unknown }).type !== 'string') return false;
      handle(message as RuntimeRequest, sender).then(sendResponse, (error: unknown) => sendResponse({ ok: false, error: String(error) }));
      return true;
    },
  };
}
