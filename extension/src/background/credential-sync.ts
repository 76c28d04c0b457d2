import { type CredentialsPayload, controlPlaneClient } from './control-plane-client';
import { serializeCookies, tokenCookieOf } from './cookie-jar';
import { extensionStorage } from './extension-storage';
import { type QwenLogin, qwenLoginOf } from './qwen-login';
import { afterSync, decideSync, fingerprintOf, type SyncOutcome } from './sync-state';

/** The browser's Qwen session as it is right now: the cookie jar and what the token says. */
export async function currentQwenSession(): Promise<{ cookies: string; login: QwenLogin }> {
  const [cookies, pageToken] = await Promise.all([chrome.cookies.getAll({ domain: 'qwen.ai' }), extensionStorage.pageToken()]);
  return { cookies: serializeCookies(cookies), login: qwenLoginOf({ cookieToken: tokenCookieOf(cookies), pageToken, now: Date.now() }) };
}

/**
 * Delivers the Qwen session to the paired control plane. Runs one at a time: a cookie burst,
 * the periodic alarm and a pairing may all ask at once, and two deliveries of one jar would race.
 */
export class CredentialSync {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly userAgent: string) {}

  run(force: boolean): Promise<void> {
    this.queue = this.queue.then(() => this.runOnce(force)).catch((error: unknown) => console.error('Qwen Proxy: sync failed', error));
    return this.queue;
  }

  private async runOnce(force: boolean): Promise<void> {
    const [pairing, memory, session] = await Promise.all([extensionStorage.pairing(), extensionStorage.syncMemory(), currentQwenSession()]);
    const token = session.login.token ?? undefined;
    // A page token with no cookie jar still makes a usable (if fragile) credential for the control plane.
    const payload: CredentialsPayload = { cookies: session.cookies || `token=${token}`, token, userAgent: this.userAgent };
    const fingerprint = fingerprintOf(JSON.stringify(payload));
    const decision = decideSync({ paired: pairing !== undefined, loggedIn: session.login.loggedIn, fingerprint, memory, force });
    if (!decision.send || !pairing) return;

    const result = await controlPlaneClient.deliver(pairing, payload);
    const at = Date.now();
    const outcome: SyncOutcome = result.ok
      ? { type: 'delivered', at, fingerprint }
      : result.refused
        ? { type: 'refused', at, message: result.message }
        : { type: 'failed', at, message: result.message };
    // A refusal means the admin revoked this extension: forget the token, the popup then says "not paired".
    if (outcome.type === 'refused') await extensionStorage.setPairing(undefined);
    await extensionStorage.setSyncMemory(afterSync(memory, outcome));
  }
}
