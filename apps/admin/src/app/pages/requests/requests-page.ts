import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatPaginator, type PageEvent } from '@angular/material/paginator';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelect, MatOption } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';
import { debounceTime, filter } from 'rxjs';
import type { RequestOutcome, RequestQuery, RequestSummary } from '../../core/api/api-types';
import { ControlApiService } from '../../core/api/control-api.service';
import { EventStreamService } from '../../core/events/event-stream.service';
import { formatDateTime, formatMs, formatNumber, fromLocalInput } from '../../core/format/format';
import { requestOutcome } from '../../core/format/status';
import { EmptyState } from '../../shared/empty-state';
import { StatusChip } from '../../shared/status-chip';

export interface RequestFilters {
  model: string;
  provider: string;
  account: string;
  status: RequestOutcome | '';
  listener: 'proxy' | 'router' | '';
  from: string;
  to: string;
}

/** The filters as the API's query. Pure. */
export function toRequestQuery(filters: RequestFilters, pageIndex: number, pageSize: number): RequestQuery {
  return {
    limit: pageSize,
    offset: pageIndex * pageSize,
    model: filters.model.trim() || undefined,
    provider: filters.provider.trim() || undefined,
    account: filters.account.trim() || undefined,
    status: filters.status || undefined,
    listener: filters.listener || undefined,
    from: fromLocalInput(filters.from),
    to: fromLocalInput(filters.to),
  };
}

const emptyFilters: RequestFilters = { model: '', provider: '', account: '', status: '', listener: '', from: '', to: '' };

/** The request log: paginated, filterable, live on its first page. */
@Component({
  selector: 'qp-requests-page',
  imports: [FormsModule, MatTableModule, MatPaginator, MatFormField, MatLabel, MatInput, MatSelect, MatOption, MatButton, MatIcon, MatProgressBar, MatSlideToggle, StatusChip, EmptyState],
  templateUrl: './requests-page.html',
  styleUrl: './requests-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestsPage {
  private readonly api = inject(ControlApiService);
  private readonly router = inject(Router);
  protected filters: RequestFilters = { ...emptyFilters };
  protected readonly page = signal<{ total: number; items: RequestSummary[] } | null>(null);
  protected readonly loading = signal(false);
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);
  protected readonly liveUpdates = signal(true);
  protected readonly columns = ['time', 'status', 'model', 'provider', 'listener', 'tokens', 'ttft', 'duration'];

  protected readonly outcome = requestOutcome;
  protected readonly formatDateTime = formatDateTime;
  protected readonly formatMs = formatMs;
  protected readonly formatNumber = formatNumber;

  constructor() {
    this.load();
    inject(EventStreamService)
      .events$.pipe(
        filter((event) => event.type === 'request-completed'),
        debounceTime(800),
        takeUntilDestroyed(),
      )
      .subscribe(() => {
        if (this.liveUpdates() && this.pageIndex() === 0) this.load(true);
      });
  }

  protected load(quiet = false): void {
    if (!quiet) this.loading.set(true);
    this.api.requests(toRequestQuery(this.filters, this.pageIndex(), this.pageSize())).subscribe({
      next: (page) => {
        this.page.set(page);
        this.loading.set(false);
      },
      error: () => {
        this.loading.set(false);
        this.page.set(this.page() ?? { total: 0, items: [] });
      },
    });
  }

  protected applyFilters(): void {
    this.pageIndex.set(0);
    this.load();
  }

  protected clearFilters(): void {
    this.filters = { ...emptyFilters };
    this.applyFilters();
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    this.load();
  }

  protected open(request: RequestSummary): void {
    void this.router.navigate(['/requests', request.id]);
  }
}
