import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardSubtitle, MatCardTitle } from '@angular/material/card';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink } from '@angular/router';
import type { RequestDetail, UpstreamUnknownShape } from '../../core/api/api-types';
import { ControlApiService } from '../../core/api/control-api.service';
import { formatDateTime, formatMs, formatNumber, prettyBody } from '../../core/format/format';
import { requestOutcome } from '../../core/format/status';
import { CopyButton } from '../../shared/copy-button';
import { EmptyState } from '../../shared/empty-state';
import { StatusChip } from '../../shared/status-chip';

/** One request: outcome, timings, attempts, what the upstream sent that was new, and its redacted bodies. */
@Component({
  selector: 'qp-request-detail-page',
  imports: [MatCard, MatCardHeader, MatCardTitle, MatCardSubtitle, MatCardContent, MatButton, MatIcon, MatProgressBar, MatTabsModule, RouterLink, StatusChip, CopyButton, EmptyState],
  templateUrl: './request-detail-page.html',
  styleUrl: './request-detail-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestDetailPage {
  private readonly api = inject(ControlApiService);
  readonly id = input.required<string>();
  protected readonly request = signal<RequestDetail | null>(null);
  protected readonly failed = signal(false);
  protected readonly requestBody = computed(() => prettyBody(this.request()?.requestBody));
  protected readonly responseBody = computed(() => prettyBody(this.request()?.responseBody));

  protected readonly outcome = requestOutcome;
  protected readonly formatDateTime = formatDateTime;
  protected readonly formatMs = formatMs;
  protected readonly formatNumber = formatNumber;

  protected shapeLabel(kind: UpstreamUnknownShape['kind']): string {
    return { frame: 'Unknown frame', phase: 'Unknown phase', error: 'Unknown error code' }[kind] ?? kind;
  }

  constructor() {
    effect(() => {
      const id = this.id();
      this.request.set(null);
      this.failed.set(false);
      this.api.request(id).subscribe({ next: (request) => this.request.set(request), error: () => this.failed.set(true) });
    });
  }
}
