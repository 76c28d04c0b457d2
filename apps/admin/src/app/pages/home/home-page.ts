import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle, MatCardSubtitle } from '@angular/material/card';
import { MatDivider } from '@angular/material/divider';
import { MatIcon } from '@angular/material/icon';
import { MatProgressSpinner } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { filter, firstValueFrom, forkJoin } from 'rxjs';
import type { ListenerStatus } from '../../core/api/api-types';
import { ControlApiService } from '../../core/api/control-api.service';
import { DesktopBridgeService } from '../../core/desktop/desktop-bridge.service';
import { NotifierService } from '../../core/errors/notifier.service';
import { EventStreamService } from '../../core/events/event-stream.service';
import { ExtensionBridgeService } from '../../core/extension/extension-bridge.service';
import { formatCompact, formatExpiry, formatMs, formatNumber, formatRelative, formatSeconds } from '../../core/format/format';
import { credentialStatusLabel } from '../../core/format/status';
import { ApiAccessStore } from '../../core/access/api-access.store';
import { LiveStatusStore } from '../../core/live/live-status.store';
import { AddAccountForm } from '../../shared/add-account-form/add-account-form';
import { injectConfirm } from '../../shared/confirm';
import { CopyButton } from '../../shared/copy-button';
import { StatusChip } from '../../shared/status-chip';
import { summarizeAccounts } from './account-summary';

/** The System Control card and today's numbers. */
@Component({
  selector: 'qp-home-page',
  imports: [
    MatCard,
    MatCardHeader,
    MatCardTitle,
    MatCardSubtitle,
    MatCardContent,
    MatButton,
    MatIcon,
    MatDivider,
    MatProgressSpinner,
    RouterLink,
    StatusChip,
    CopyButton,
    AddAccountForm,
  ],
  templateUrl: './home-page.html',
  styleUrl: './home-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomePage {
  private readonly api = inject(ControlApiService);
  private readonly notifier = inject(NotifierService);
  private readonly confirm = injectConfirm();
  protected readonly live = inject(LiveStatusStore);
  protected readonly access = inject(ApiAccessStore);
  protected readonly extension = inject(ExtensionBridgeService);
  protected readonly desktop = inject(DesktopBridgeService);
  protected readonly busy = signal<'start' | 'stop' | 'connect' | 'revoke' | null>(null);
  protected readonly showPaste = signal(false);
  protected readonly waitingForAccount = signal(false);

  protected readonly summary = computed(() => summarizeAccounts(this.live.accounts(), this.live.now()));
  protected readonly endpoint = computed(() => (this.live.proxy()?.running ? `${this.live.proxy()!.url}/v1` : null));
  protected readonly routerEndpoint = computed(() => (this.live.router()?.running ? `${this.live.router()!.url}/v1` : null));
  protected readonly today = this.live.today;

  protected readonly statusLabel = credentialStatusLabel;
  protected readonly formatExpiry = formatExpiry;
  protected readonly formatRelative = formatRelative;
  protected readonly formatNumber = formatNumber;
  protected readonly formatCompact = formatCompact;
  protected readonly formatMs = formatMs;

  constructor() {
    this.access.refresh();
    if (this.extension.detection() === 'unknown') void this.extension.detect();
    // The Home turns green the moment the extension (or the desktop) saves an account.
    inject(EventStreamService)
      .events$.pipe(
        filter((event) => event.type === 'credential-changed'),
        takeUntilDestroyed(),
      )
      .subscribe((event) => {
        if (this.waitingForAccount() && event.type === 'credential-changed' && event.status === 'valid') {
          this.waitingForAccount.set(false);
          this.notifier.success('Qwen account connected.');
        }
      });
  }

  protected uptime(listener: ListenerStatus | null): string {
    if (!listener?.running || !listener.startedAt) return 'stopped';
    return `up ${formatSeconds((this.live.now() - listener.startedAt) / 1000)}`;
  }

  protected start(): void {
    this.busy.set('start');
    this.api.startProxy().subscribe({
      next: (status) => {
        this.live.apply(status);
        this.busy.set(null);
        this.notifier.success('Proxy started.');
      },
      error: () => this.busy.set(null),
    });
  }

  protected stop(): void {
    this.busy.set('stop');
    this.api.stopProxy().subscribe({
      next: (status) => {
        this.live.apply(status);
        this.busy.set(null);
        this.notifier.success('Proxy stopped: open requests were allowed to finish.');
      },
      error: () => this.busy.set(null),
    });
  }

  protected async connect(): Promise<void> {
    this.busy.set('connect');
    try {
      if (this.desktop.available) {
        const result = await this.desktop.connect();
        if (result.connected) this.notifier.success(`Connected ${result.account.label}.`);
        this.live.refreshStatus();
        return;
      }
      const info = await this.extension.detect();
      if (!info) {
        this.showPaste.set(true);
        return;
      }
      await this.extension.pair();
      this.waitingForAccount.set(true);
      window.open('https://chat.qwen.ai/', '_blank', 'noopener');
    } catch (error) {
      this.notifier.error(error instanceof Error ? error.message : 'Connecting failed.', 'Try again, or paste the cookies instead.');
    } finally {
      this.busy.set(null);
    }
  }

  protected revoke(): void {
    const accounts = this.live.accounts();
    this.confirm({
      title: 'Revoke Qwen access?',
      message: this.desktop.available
        ? 'The desktop app deletes the accounts it captured and logs its Qwen window out.'
        : `This removes ${accounts.length} connected account(s) from Qwen Proxy. Requests will fail until you connect again.`,
      confirm: 'Revoke',
      danger: true,
    }).subscribe(async (ok) => {
      if (!ok) return;
      this.busy.set('revoke');
      try {
        if (this.desktop.available) await this.desktop.revoke();
        else if (accounts.length) await firstValueFrom(forkJoin(accounts.map((account) => this.api.removeCredential(account.id))));
        this.notifier.success('Qwen access revoked.');
      } catch {
        // The error interceptor already said what failed.
      } finally {
        this.busy.set(null);
        this.live.refreshStatus();
      }
    });
  }

  protected onAdded(): void {
    this.showPaste.set(false);
    this.live.refreshStatus();
  }
}
