import { Inject, Injectable } from '@nestjs/common';
import { CredentialsService } from '../credentials/credentials.service';
import { QwenAccountPool } from '../credentials/qwen-account-pool';
import { StatusEvents } from '../events/status-events';
import type { ListenerManager, ListenerName, ListenerState } from '../listeners/listener-manager';
import { LISTENER_MANAGER } from '../listeners/listeners.constants';
import { ProvidersService } from '../providers/providers.service';
import { RouterService } from '../router/router.service';

const proxyListeners: ListenerName[] = ['proxy', 'router'];

/** Start and stop the proxy and router ports while the control plane stays up. */
@Injectable()
export class ProxyControlService {
  private readonly startedAt = Date.now();

  constructor(
    @Inject(LISTENER_MANAGER) private readonly listeners: ListenerManager,
    private readonly credentials: CredentialsService,
    private readonly pool: QwenAccountPool,
    private readonly providers: ProvidersService,
    private readonly router: RouterService,
    private readonly events: StatusEvents,
  ) {}

  async start(): Promise<Record<string, unknown>> {
    for (const name of proxyListeners) this.announce(await this.listeners.start(name));
    return this.status();
  }

  async stop(): Promise<Record<string, unknown>> {
    for (const name of proxyListeners) this.announce(await this.listeners.stop(name));
    return this.status();
  }

  async status(): Promise<Record<string, unknown>> {
    const now = Date.now();
    const accounts = (await this.credentials.list()).map((account) => ({ ...account, inflight: this.pool.inflightOf(account.id) }));
    return {
      running: proxyListeners.every((name) => this.listeners.state(name).running),
      uptimeSeconds: Math.round((now - this.startedAt) / 1000),
      listeners: (['proxy', 'router', 'control'] as const).map((name) => ({
        ...this.listeners.state(name),
        url: this.listeners.url(name),
        uptimeSeconds: this.listeners.state(name).startedAt ? Math.round((now - this.listeners.state(name).startedAt!) / 1000) : null,
      })),
      accounts,
      providers: this.providers.list().map((view) => ({ ...view, inflight: this.router.router.inflightOf(view.id) })),
    };
  }

  private announce(state: ListenerState): void {
    this.events.publish({ type: 'listener-changed', name: state.name, running: state.running, port: state.port });
  }
}
