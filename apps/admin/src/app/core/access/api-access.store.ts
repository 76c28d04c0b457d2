import { Injectable, computed, inject, signal } from '@angular/core';
import type { ApiAccessMode } from '../api/api-types';
import { ControlApiService } from '../api/control-api.service';

/**
 * Whether `/v1/*` is in open mode or needs API keys, as the server says now: Home, the API guide,
 * the Playground and Settings all show this one answer instead of a promise of their own.
 */
@Injectable({ providedIn: 'root' })
export class ApiAccessStore {
  private readonly api = inject(ControlApiService);
  private readonly modeSignal = signal<ApiAccessMode | null>(null);
  readonly mode = this.modeSignal.asReadonly();
  /** The key the snippets show: "anything" works only in open mode. */
  readonly snippetKey = computed(() => (this.modeSignal()?.keysRequired ? 'sk-qp-YOUR-KEY' : 'anything'));

  refresh(): void {
    this.api.apiAccess().subscribe({ next: (mode) => this.modeSignal.set(mode), error: () => this.modeSignal.set(null) });
  }
}
