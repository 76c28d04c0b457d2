import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTooltip } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import type { RequestSummary, SessionDetail, SessionTurn } from '../../core/api/api-types';
import { ControlApiService } from '../../core/api/control-api.service';
import { formatDateTime, formatMs, formatNumber } from '../../core/format/format';
import { requestOutcome } from '../../core/format/status';
import { EmptyState } from '../../shared/empty-state';
import { StatusChip } from '../../shared/status-chip';

/** A session's turns, each with the request that made it. */
@Component({
  selector: 'qp-session-detail-page',
  imports: [MatButton, MatIcon, MatProgressBar, MatTooltip, RouterLink, StatusChip, EmptyState],
  templateUrl: './session-detail-page.html',
  styleUrl: './session-detail-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionDetailPage {
  private readonly api = inject(ControlApiService);
  readonly id = input.required<string>();
  protected readonly session = signal<SessionDetail | null>(null);
  protected readonly failed = signal(false);
  protected readonly outcome = requestOutcome;
  protected readonly formatDateTime = formatDateTime;
  protected readonly formatMs = formatMs;
  protected readonly formatNumber = formatNumber;

  constructor() {
    effect(() => {
      this.api.session(this.id()).subscribe({ next: (session) => this.session.set(session), error: () => this.failed.set(true) });
    });
  }

  protected requestOf(turn: SessionTurn): RequestSummary | undefined {
    return this.session()?.requests.find((request) => request.id === turn.requestId);
  }
}
