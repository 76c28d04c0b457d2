import { filter } from 'rxjs';
import { startApplication, type RunningApplication } from '../../../api/src/bootstrap';
import { loadConfig } from '../../../api/src/config/app-config';
import { CredentialsService } from '../../../api/src/credentials/credentials.service';
import { StatusEvents } from '../../../api/src/events/status-events';
import { ProxyControlService } from '../../../api/src/proxy-control/proxy-control.service';
import type { DesktopApi, DesktopCredential, DesktopCredentialInput, ProxyState } from './desktop-api';

/** The desktop's view of the proxy: the OpenAI-compatible port is what people point clients at. */
function proxyStateOf(running: RunningApplication): ProxyState {
  const state = running.listeners.state('proxy');
  return state.running ? { running: true, url: running.proxyUrl } : { running: false };
}

/** Runs the whole API (control plane and listeners) in this process and adapts it to `DesktopApi`. */
export async function startInProcessApi(environment: Record<string, string | undefined>): Promise<DesktopApi> {
  const running = await startApplication(loadConfig(environment));
  const credentials = running.app.get(CredentialsService);
  const proxyControl = running.app.get(ProxyControlService);
  const events = running.app.get(StatusEvents);
  const toDesktopCredential = (view: { id: string; label: string; source: string; status: string }): DesktopCredential => ({
    id: view.id,
    label: view.label,
    source: view.source,
    status: view.status,
  });

  return {
    controlUrl: running.controlUrl,
    adminToken: running.adminToken,
    async saveCredential(input: DesktopCredentialInput) {
      const view = await credentials.save({ ...input, source: 'desktop' }, 'desktop');
      // The console's account list listens for this instead of polling.
      events.publish({ type: 'credential-changed', id: view.id, status: view.status });
      return toDesktopCredential(view);
    },
    async listCredentials() {
      return (await credentials.list()).map(toDesktopCredential);
    },
    async removeCredential(id: string) {
      await credentials.remove(id);
      events.publish({ type: 'credential-changed', id, status: 'removed' });
    },
    async startProxy() {
      await proxyControl.start();
      return proxyStateOf(running);
    },
    async stopProxy() {
      await proxyControl.stop();
      return proxyStateOf(running);
    },
    proxyState: () => proxyStateOf(running),
    onProxyStateChanged(listener) {
      const subscription = events.stream
        .pipe(filter((event) => event.type === 'listener-changed' && event.name === 'proxy'))
        .subscribe(() => listener(proxyStateOf(running)));
      return () => subscription.unsubscribe();
    },
    close: (graceMs: number) => running.close(graceMs),
  };
}
