import { type ExtensionMessage, extensionSource, parseConsoleMessage } from '../shared/bridge-protocol';
import type { BridgeHelloAnswer, PairAnswer, RuntimeRequest } from '../shared/runtime-messages';

/**
 * The page bridge on the control plane's own page: the admin console asks by postMessage, the
 * worker answers through this script. Only messages from this very window and origin count, and
 * a pairing must name this page's own origin as the control plane.
 */
function startConsoleBridge(): void {
  const controlUrl = location.origin;
  const post = (message: ExtensionMessage) => window.postMessage(message, controlUrl);
  const ask = <Answer>(request: RuntimeRequest) => chrome.runtime.sendMessage<Answer>(request);

  async function announce(): Promise<void> {
    const hello = await ask<BridgeHelloAnswer | undefined>({ type: 'bridge-hello', controlUrl }).catch(() => undefined);
    if (hello) post({ source: extensionSource, type: 'pong', version: hello.version, paired: hello.paired });
  }

  async function pair(code: string, requestedControlUrl: string): Promise<void> {
    if (requestedControlUrl !== controlUrl) {
      post({ source: extensionSource, type: 'paired', ok: false, error: 'controlUrl must be the origin of the page asking (location.origin).' });
      return;
    }
    const answer = await ask<PairAnswer>({ type: 'bridge-pair', controlUrl, code }).catch((error: unknown) => ({ ok: false as const, error: String(error) }));
    post(answer.ok ? { source: extensionSource, type: 'paired', ok: true } : { source: extensionSource, type: 'paired', ok: false, error: answer.error });
  }

  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== window || event.origin !== controlUrl) return;
    const message = parseConsoleMessage(event.data);
    if (message?.type === 'ping') void announce();
    if (message?.type === 'pair') void pair(message.code, message.controlUrl);
  });
  // Unasked, too: a console that pinged before this script ran still learns the extension is here.
  void announce();
}

const marker = '__qwenProxyConsoleBridge';
const scope = globalThis as unknown as Record<string, boolean>;
if (!scope[marker]) {
  scope[marker] = true;
  startConsoleBridge();
}
