import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { Subject } from 'rxjs';
import { AuthTokenService } from '../auth/auth-token.service';
import { SseParser } from './sse-parser';
import { type StatusEvent, toStatusEvent } from './status-event';

export type StreamState = 'idle' | 'connecting' | 'open' | 'reconnecting';

/**
 * The control plane's event stream, read with fetch so the admin token travels in a header,
 * never in a URL. One connection for the whole console; reconnects with backoff (1 s → 30 s).
 */
@Injectable({ providedIn: 'root' })
export class EventStreamService {
  private readonly auth = inject(AuthTokenService);
  private readonly subject = new Subject<StatusEvent>();
  private controller?: AbortController;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private attempt = 0;

  readonly events$ = this.subject.asObservable();
  readonly state = signal<StreamState>('idle');
  /** Fires after a reconnection so pages can refresh what they may have missed. */
  readonly reconnected$ = new Subject<void>();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.disconnect());
  }

  connect(): void {
    if (this.controller) return;
    this.open(false);
  }

  disconnect(): void {
    clearTimeout(this.retryTimer);
    this.controller?.abort();
    this.controller = undefined;
    this.state.set('idle');
  }

  private open(isReconnect: boolean): void {
    const token = this.auth.token();
    if (!token) return;
    const controller = new AbortController();
    this.controller = controller;
    this.state.set(isReconnect ? 'reconnecting' : 'connecting');
    void this.read(token, controller, isReconnect).finally(() => {
      if (this.controller !== controller || controller.signal.aborted) return;
      // Dropped: retry with backoff, unless the token is gone.
      this.controller = undefined;
      this.state.set('reconnecting');
      const delay = Math.min(30_000, 1000 * 2 ** Math.min(this.attempt++, 5));
      this.retryTimer = setTimeout(() => {
        if (!this.controller && this.auth.token()) this.open(true);
      }, delay);
    });
  }

  private async read(token: string, controller: AbortController, isReconnect: boolean): Promise<void> {
    try {
      const response = await fetch('/api/events', { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal, cache: 'no-store' });
      if (!response.ok || !response.body) {
        if (response.status === 401) controller.abort();
        return;
      }
      this.state.set('open');
      this.attempt = 0;
      if (isReconnect) this.reconnected$.next();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = new SseParser();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const message of parser.push(value)) {
          const event = toStatusEvent(message.event, message.data);
          if (event) this.subject.next(event);
        }
      }
    } catch {
      // Network drop or abort: the caller decides whether to retry.
    }
  }
}
