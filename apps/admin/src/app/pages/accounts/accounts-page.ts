import { map, switchMap } from 'rxjs';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import { debounceTime, filter } from 'rxjs';
import type { Credential } from '../../core/api/api-types';
import { ControlApiService } from '../../core/api/control-api.service';
import { NotifierService } from '../../core/errors/notifier.service';
import { EventStreamService } from '../../core/events/event-stream.service';
import { formatDateTime, formatExpiry, formatRelative } from '../../core/format/format';
import { credentialStatusLabel } from '../../core/format/status';
import { LiveStatusStore } from '../../core/live/live-status.store';
import { AddAccountForm } from '../../shared/add-account-form/add-account-form';
import { injectConfirm } from '../../shared/confirm';
import { EmptyState } from '../../shared/empty-state';
import { StatusChip } from '../../shared/status-chip';
import { DiagnosisDialog } from './diagnosis-dialog/diagnosis-dialog';
import { expiryChipOf } from './expiry-chip';

/** Every Qwen account: state, expiry, cooldown, last use; add by paste, test, remove. */
@Component({
  selector: 'qp-accounts-page',
  imports: [MatCard, MatCardHeader, MatCardTitle, MatCardContent, MatTableModule, MatButton, MatIconButton, MatIcon, MatTooltip, MatProgressBar, StatusChip, EmptyState, AddAccountForm],
  templateUrl: './accounts-page.html',
  styleUrl: './accounts-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountsPage {
  private readonly api = inject(ControlApiService);
  private readonly notifier = inject(NotifierService);
  private readonly confirm = injectConfirm();
  protected readonly live = inject(LiveStatusStore);
  protected readonly accounts = signal<Credential[] | null>(null);
  protected readonly testing = signal<string | null>(null);
  protected readonly columns = ['account', 'status', 'expires', 'cooldown', 'lastUsed', 'source', 'actions'];
  protected readonly inflight = computed(() => new Map(this.live.accounts().map((account) => [account.id, account.inflight ?? 0])));

  protected readonly statusLabel = credentialStatusLabel;
  protected readonly formatExpiry = formatExpiry;
  protected readonly formatRelative = formatRelative;
  protected readonly formatDateTime = formatDateTime;
  protected readonly expiryChip = expiryChipOf;
  private readonly dialog = inject(MatDialog);

  constructor() {
    this.load();
    inject(EventStreamService)
      .events$.pipe(
        filter((event) => event.type === 'credential-changed'),
        debounceTime(300),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.load());
  }

  protected load(): void {
    this.api.credentials().subscribe({ next: (accounts) => this.accounts.set(accounts), error: () => this.accounts.set(this.accounts() ?? []) });
  }

  protected test(account: Credential): void {
    this.testing.set(account.id);
    // A real round trip to Qwen, then the account as it now stands (a failure changes its state).
    this.api
      .testCredential(account.id)
      .pipe(switchMap((result) => this.api.credential(account.id).pipe(map((fresh) => ({ result, fresh })))))
      .subscribe({
        next: ({ result, fresh }) => {
          this.testing.set(null);
          this.accounts.update((list) => list?.map((item) => (item.id === fresh.id ? fresh : item)) ?? null);
          const label = credentialStatusLabel(fresh.status);
          if (result.ok) {
            const who = result.profile?.email ? ` as ${result.profile.email}` : '';
            const chat = result.completion ? ` a test chat with ${result.completion.model}` : '';
            this.notifier.success(`${fresh.label ?? 'Account'}: Qwen answered${chat} in ${result.latencyMs} ms${who}; ${label.label}, ${formatExpiry(fresh.expiresAt, Date.now())}.`);
          } else {
            this.notifier.error(`${fresh.label ?? 'Account'}: ${label.label}.`, result.error ?? fresh.statusReason ?? 'Reconnect it with fresh cookies.');
          }
        },
        error: () => this.testing.set(null),
      });
  }

  /** The upstream doctor with this account, step by step, in a dialog. */
  protected diagnose(account: Credential): void {
    this.dialog.open(DiagnosisDialog, { data: account, width: '860px', maxWidth: '95vw' });
  }

  protected remove(account: Credential): void {
    this.confirm({
      title: 'Remove this account?',
      message: `${account.label ?? account.accountId ?? 'The account'} will no longer answer requests. Its conversations move to other accounts.`,
      confirm: 'Remove',
      danger: true,
    }).subscribe((ok) => {
      if (!ok) return;
      this.api.removeCredential(account.id).subscribe(() => {
        this.notifier.success('Account removed.');
        this.load();
        this.live.refreshStatus();
      });
    });
  }

  protected onAdded(): void {
    this.load();
    this.live.refreshStatus();
  }
}
