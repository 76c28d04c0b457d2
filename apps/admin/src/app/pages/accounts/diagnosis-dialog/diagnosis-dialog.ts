import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import type { Credential, DoctorReport } from '../../../core/api/api-types';
import { ControlApiService } from '../../../core/api/control-api.service';
import { CopyButton } from '../../../shared/copy-button';

/**
 * The upstream doctor for one account: each step (homepage and version, token, models,
 * chats/new, completion, stop, delete) with what was sent and what came back, redacted by the
 * server. Copy puts the plain-text report on the clipboard for an issue.
 */
@Component({
  selector: 'qp-diagnosis-dialog',
  imports: [MatButton, MatDialogTitle, MatDialogContent, MatDialogActions, MatDialogClose, MatExpansionModule, MatIcon, MatProgressBar, CopyButton],
  templateUrl: './diagnosis-dialog.html',
  styleUrl: './diagnosis-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DiagnosisDialog {
  protected readonly account = inject<Credential>(MAT_DIALOG_DATA);
  protected readonly report = signal<DoctorReport | null>(null);
  protected readonly failure = signal<string | null>(null);

  constructor() {
    inject(ControlApiService)
      .diagnoseCredential(this.account.id)
      .subscribe({
        next: (report) => this.report.set(report),
        error: (error: { error?: { error?: { message?: string } }; message?: string }) =>
          this.failure.set(error.error?.error?.message ?? error.message ?? 'The diagnosis could not run.'),
      });
  }

  /** The request as sent (redacted): headers, then the body. */
  protected requestText(exchange: { headers: Record<string, string>; body?: string }): string {
    const headers = Object.entries(exchange.headers).map(([name, value]) => `${name}: ${value}`);
    return exchange.body ? `${headers.join('\n')}\n\n${exchange.body}` : headers.join('\n');
  }
}
