import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelect, MatOption } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { debounceTime, filter } from 'rxjs';
import type { Provider, ProviderTestResult, RoutingStrategy } from '../../core/api/api-types';
import { ControlApiService } from '../../core/api/control-api.service';
import { NotifierService } from '../../core/errors/notifier.service';
import { EventStreamService } from '../../core/events/event-stream.service';
import { formatMs, formatRelative } from '../../core/format/format';
import { providerHealthLabel, providerTestMessage } from '../../core/format/status';
import { LiveStatusStore } from '../../core/live/live-status.store';
import { injectConfirm } from '../../shared/confirm';
import { EmptyState } from '../../shared/empty-state';
import { StatusChip } from '../../shared/status-chip';
import { ProviderDialog } from './provider-dialog';

export const strategies: { value: RoutingStrategy; label: string; hint: string }[] = [
  { value: 'priority', label: 'Priority', hint: 'Lowest priority number first, the others as fallback.' },
  { value: 'round-robin', label: 'Round robin', hint: 'Each provider in turn.' },
  { value: 'weighted', label: 'Weighted', hint: 'At random, in proportion to the weights.' },
  { value: 'least-busy', label: 'Least busy', hint: 'The provider with the fewest requests in flight.' },
];

/** Providers behind the router: health, priority, weight, enable, test, edit. */
@Component({
  selector: 'qp-providers-page',
  imports: [FormsModule, MatTableModule, MatButton, MatIconButton, MatIcon, MatTooltip, MatSlideToggle, MatProgressBar, MatFormField, MatLabel, MatSelect, MatOption, StatusChip, EmptyState],
  templateUrl: './providers-page.html',
  styleUrl: './providers-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProvidersPage {
  private readonly api = inject(ControlApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(NotifierService);
  private readonly confirm = injectConfirm();
  protected readonly live = inject(LiveStatusStore);
  protected readonly providers = signal<Provider[] | null>(null);
  protected readonly strategy = signal<RoutingStrategy | null>(null);
  protected readonly tests = signal<Record<string, ProviderTestResult | 'running'>>({});
  protected readonly columns = ['name', 'health', 'models', 'priority', 'weight', 'inflight', 'enabled', 'actions'];
  protected readonly strategies = strategies;
  protected readonly health = providerHealthLabel;
  protected readonly formatMs = formatMs;
  protected readonly formatRelative = formatRelative;

  constructor() {
    this.load();
    inject(EventStreamService)
      .events$.pipe(
        filter((event) => event.type === 'providers-changed' || event.type === 'provider-health-changed' || event.type === 'settings-changed'),
        debounceTime(300),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.load());
  }

  protected load(): void {
    this.api.providers().subscribe({ next: (providers) => this.providers.set(providers), error: () => this.providers.set(this.providers() ?? []) });
    this.api.settings().subscribe({ next: (settings) => this.strategy.set(settings.routingStrategy), error: () => undefined });
  }

  protected setStrategy(strategy: RoutingStrategy): void {
    this.api.updateSettings({ routingStrategy: strategy }).subscribe((settings) => {
      this.strategy.set(settings.routingStrategy);
      this.notifier.success(`Routing strategy: ${strategy}.`);
    });
  }

  protected edit(provider: Provider | null): void {
    this.dialog
      .open(ProviderDialog, { data: provider, width: '640px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((saved?: Provider) => {
        if (!saved) return;
        this.notifier.success(`${saved.name} saved.`);
        this.load();
      });
  }

  protected toggle(provider: Provider, enabled: boolean): void {
    this.api.updateProvider(provider.id, { enabled }).subscribe({ next: () => this.load(), error: () => this.load() });
  }

  protected test(provider: Provider): void {
    this.tests.update((tests) => ({ ...tests, [provider.id]: 'running' }));
    this.api.testProvider(provider.id).subscribe({
      next: (result) => {
        this.tests.update((tests) => ({ ...tests, [provider.id]: result }));
        if (result.ok) this.notifier.success(providerTestMessage(provider.name, result, formatMs));
        else this.notifier.error(providerTestMessage(provider.name, result, formatMs), 'Check its base URL and key.');
        // The test counts for the provider's health: show the state it left.
        this.load();
      },
      error: () => this.tests.update(({ [provider.id]: _removed, ...rest }) => rest),
    });
  }

  protected remove(provider: Provider): void {
    this.confirm({ title: `Delete ${provider.name}?`, message: 'The router stops sending requests to it.', confirm: 'Delete', danger: true }).subscribe((ok) => {
      if (ok) this.api.deleteProvider(provider.id).subscribe(() => this.load());
    });
  }

  protected testResult(id: string): ProviderTestResult | 'running' | undefined {
    return this.tests()[id];
  }
}
