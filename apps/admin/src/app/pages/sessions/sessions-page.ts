import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatPaginator, type PageEvent } from '@angular/material/paginator';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';
import type { Page, Session } from '../../core/api/api-types';
import { ControlApiService } from '../../core/api/control-api.service';
import { formatDateTime, formatRelative } from '../../core/format/format';
import { LiveStatusStore } from '../../core/live/live-status.store';
import { EmptyState } from '../../shared/empty-state';

/** Conversations the proxy keeps with Qwen chats, most recently used first. */
@Component({
  selector: 'qp-sessions-page',
  imports: [FormsModule, MatFormField, MatLabel, MatInput, MatButton, MatTableModule, MatPaginator, MatProgressBar, EmptyState],
  templateUrl: './sessions-page.html',
  styleUrl: './sessions-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionsPage {
  private readonly api = inject(ControlApiService);
  private readonly router = inject(Router);
  protected readonly live = inject(LiveStatusStore);
  protected readonly page = signal<Page<Session> | null>(null);
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(25);
  protected search = '';

  protected find(): void {
    this.pageIndex.set(0);
    this.load();
  }
  protected readonly columns = ['title', 'model', 'turns', 'lastUsed', 'state'];
  protected readonly formatDateTime = formatDateTime;
  protected readonly formatRelative = formatRelative;

  constructor() {
    this.load();
  }

  protected load(): void {
    this.api.sessions(this.pageSize(), this.pageIndex() * this.pageSize(), this.search).subscribe({ next: (page) => this.page.set(page), error: () => this.page.set({ total: 0, items: [] }) });
  }

  protected onPage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.pageSize.set(event.pageSize);
    this.load();
  }

  protected open(session: Session): void {
    void this.router.navigate(['/sessions', session.id]);
  }
}
