import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule, type NgForm } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle, MatCardSubtitle } from '@angular/material/card';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSelect, MatOption } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import type { ApiKey, CreatedApiKey, Settings } from '../../core/api/api-types';
import { ApiAccessStore } from '../../core/access/api-access.store';
import { ControlApiService } from '../../core/api/control-api.service';
import { explainHttpError } from '../../core/errors/error-message';
import { NotifierService } from '../../core/errors/notifier.service';
import { formatDateTime, formatNumber, formatRelative } from '../../core/format/format';
import { ThemeService, type ThemeChoice } from '../../core/theme/theme.service';
import { injectConfirm } from '../../shared/confirm';
import { CopyButton } from '../../shared/copy-button';
import { EmptyState } from '../../shared/empty-state';
import { strategies } from '../providers/providers-page';
import { changedSettings } from './settings-diff';

/** Theme, retention and body logging, routing defaults, API keys. */
@Component({
  selector: 'qp-settings-page',
  imports: [
    FormsModule,
    MatCard,
    MatCardHeader,
    MatCardTitle,
    MatCardSubtitle,
    MatCardContent,
    MatButtonToggleGroup,
    MatButtonToggle,
    MatFormField,
    MatLabel,
    MatHint,
    MatInput,
    MatSelect,
    MatOption,
    MatSlideToggle,
    MatButton,
    MatIconButton,
    MatIcon,
    MatTooltip,
    MatTableModule,
    CopyButton,
    EmptyState,
  ],
  templateUrl: './settings-page.html',
  styleUrl: './settings-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsPage {
  private readonly api = inject(ControlApiService);
  private readonly notifier = inject(NotifierService);
  private readonly confirm = injectConfirm();
  protected readonly theme = inject(ThemeService);
  protected readonly access = inject(ApiAccessStore);
  protected readonly strategies = strategies;
  protected readonly saved = signal<Settings | null>(null);
  protected draft: Settings | null = null;
  protected readonly saving = signal(false);

  protected readonly keys = signal<ApiKey[] | null>(null);
  protected readonly keysAvailable = signal(true);
  protected readonly createdKey = signal<CreatedApiKey | null>(null);
  protected keyName = '';
  protected keyRpm: number | null = null;
  protected keyTokensPerDay: number | null = null;
  protected keyModels = '';
  protected readonly keyColumns = ['name', 'prefix', 'status', 'limits', 'usage', 'lastUsed', 'actions'];

  protected readonly formatDateTime = formatDateTime;
  protected readonly formatRelative = formatRelative;
  protected readonly formatNumber = formatNumber;
  protected readonly now = Date.now;

  constructor() {
    this.api.settings().subscribe((settings) => {
      this.saved.set(settings);
      this.draft = structuredClone(settings);
    });
    this.loadKeys();
  }

  /** The explicit switch between open mode and keys required (`requireApiKeys`). */
  protected setKeysRequired(required: boolean): void {
    this.api.updateSettings({ requireApiKeys: required }).subscribe({
      next: (settings) => {
        this.saved.set(settings);
        if (this.draft) this.draft.requireApiKeys = settings.requireApiKeys;
        this.access.refresh();
        this.notifier.success(required ? 'API keys are now required on /v1.' : 'Open mode: any non-empty key is accepted on this machine.');
      },
      error: () => this.access.refresh(),
    });
  }

  protected setTheme(choice: ThemeChoice): void {
    this.theme.set(choice);
  }

  protected save(): void {
    const saved = this.saved();
    if (!saved || !this.draft) return;
    const patch = changedSettings(saved, this.draft);
    if (!Object.keys(patch).length) {
      this.notifier.success('Nothing to save.');
      return;
    }
    this.saving.set(true);
    this.api.updateSettings(patch).subscribe({
      next: (settings) => {
        this.saved.set(settings);
        this.draft = structuredClone(settings);
        this.saving.set(false);
        this.notifier.success('Settings saved.');
      },
      error: () => this.saving.set(false),
    });
  }

  protected loadKeys(): void {
    this.api.apiKeys().subscribe({
      next: (keys) => {
        this.keys.set(keys);
        this.keysAvailable.set(true);
        this.access.refresh();
      },
      error: (error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 404) {
          this.keysAvailable.set(false);
          return;
        }
        if (error instanceof HttpErrorResponse) {
          const explained = explainHttpError(error);
          this.notifier.error(explained.message, explained.hint);
        }
        this.keys.set([]);
      },
    });
  }

  protected createKey(form: NgForm): void {
    const name = this.keyName.trim();
    if (!name) return;
    const allowedModels = this.keyModels
      .split(/[\s,]+/)
      .map((item) => item.trim())
      .filter(Boolean);
    this.api
      .createApiKey({
        name,
        ...(this.keyRpm ? { requestsPerMinute: Number(this.keyRpm) } : {}),
        ...(this.keyTokensPerDay ? { tokensPerDay: Number(this.keyTokensPerDay) } : {}),
        ...(allowedModels.length ? { allowedModels } : {}),
      })
      .subscribe((created) => {
        this.createdKey.set(created);
        // resetForm, not only clearing the fields: it also forgets "submitted", which would show
        // the now-empty required name in red right after a success.
        this.keyName = '';
        this.keyRpm = null;
        this.keyTokensPerDay = null;
        this.keyModels = '';
        form.resetForm({ keyName: '', keyRpm: null, keyTokensPerDay: null, keyModels: '' });
        this.loadKeys();
      });
  }

  protected deleteKey(key: ApiKey): void {
    this.confirm({ title: `Delete ${key.name}?`, message: 'The key is removed from this list for good; its requests stay in the log. Access mode does not change.', confirm: 'Delete', danger: true }).subscribe((ok) => {
      if (ok) this.api.deleteApiKey(key.id).subscribe(() => this.loadKeys());
    });
  }

  protected revokeKey(key: ApiKey): void {
    this.confirm({ title: `Revoke ${key.name}?`, message: 'Clients using this key are refused from now on.', confirm: 'Revoke', danger: true }).subscribe((ok) => {
      if (ok) this.api.revokeApiKey(key.id).subscribe(() => this.loadKeys());
    });
  }
}
