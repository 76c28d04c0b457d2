import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { Subject, debounceTime, merge } from 'rxjs';
import type { ProxyStatus, UsageReport } from '../api/api-types';
import { ControlApiService } from '../api/control-api.service';
import { EventStreamService } from '../events/event-stream.service';
import { startOfDay } from '../format/format';

/**
 * What the shell and the Home page show live: the proxy status and today's totals. Loaded once,
 * then refreshed only when an event says something changed (debounced: a burst of requests
 * makes one refresh, not one per request). A one-second clock drives countdowns locally.
 */
@Injectable({ providedIn: 'root' })
export class LiveStatusStore {
  private readonly api = inject(ControlApiService);
  private readonly events = inject(EventStreamService);
  private readonly statusRefresh = new Subject<void>();
  private readonly usageRefresh = new Subject<void>();
  private started = false;

  readonly status = signal<ProxyStatus | null>(null);
  readonly today = signal<UsageReport | null>(null);
  readonly now = signal(Date.now());
  readonly lastEventAt = signal<number | null>(null);

  readonly proxy = computed(() => this.status()?.listeners.find((listener) => listener.name === 'proxy') ?? null);
  readonly router = computed(() => this.status()?.listeners.find((listener) => listener.name === 'router') ?? null);
  readonly control = computed(() => this.status()?.listeners.find((listener) => listener.name === 'control') ?? null);
  readonly running = computed(() => this.status()?.running ?? false);
  readonly accounts = computed(() => this.status()?.accounts ?? []);
  readonly healthyAccounts = computed(() => this.accounts().filter((account) => account.status === 'valid').length);

  private readonly destroyRef = inject(DestroyRef);

  start(): void {
    if (this.started) return;
    this.started = true;
    this.refreshStatus();
    this.refreshToday();
    this.events.connect();
    const clock = setInterval(() => this.now.set(Date.now()), 1000);
    this.destroyRef.onDestroy(() => clearInterval(clock));
    const statusSub = this.statusRefresh.pipe(debounceTime(250)).subscribe(() => this.refreshStatus());
    const usageSub = this.usageRefresh.pipe(debounceTime(1000)).subscribe(() => this.refreshToday());
    const eventSub = merge(this.events.events$).subscribe((event) => {
      this.lastEventAt.set(Date.now());
      if (event.type === 'request-completed') this.usageRefresh.next();
      else this.statusRefresh.next();
    });
    const reconnectSub = this.events.reconnected$.subscribe(() => {
      this.statusRefresh.next();
      this.usageRefresh.next();
    });
    this.destroyRef.onDestroy(() => [statusSub, usageSub, eventSub, reconnectSub].forEach((subscription) => subscription.unsubscribe()));
  }

  refreshStatus(): void {
    this.api.proxyStatus().subscribe({ next: (status) => this.status.set(status), error: () => undefined });
  }

  refreshToday(): void {
    const now = Date.now();
    this.api.usage(startOfDay(now), now + 60_000, 'day').subscribe({ next: (report) => this.today.set(report), error: () => undefined });
  }

  /** Applies the answer of a start/stop at once, before its event arrives. */
  apply(status: ProxyStatus): void {
    this.status.set(status);
  }
}
