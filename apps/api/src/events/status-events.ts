import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';

/** What the console hears about without polling. Never carries secrets. */
export type StatusEvent =
  | { type: 'listener-changed'; name: string; running: boolean; port: number }
  | { type: 'credential-changed'; id: string; status: string }
  | { type: 'provider-health-changed'; providerId: string; state: string; cooldownUntil: number | null }
  | { type: 'providers-changed' }
  | { type: 'settings-changed' }
  | {
      type: 'request-completed';
      requestId: string;
      listener: string;
      model: string;
      provider: string | null;
      statusCode: number;
      errorCode: string | null;
      totalTokens: number | null;
      durationMs: number;
    };

/** The control plane's live event bus (served as SSE at /api/events). */
@Injectable()
export class StatusEvents {
  private readonly subject = new Subject<StatusEvent>();

  publish(event: StatusEvent): void {
    this.subject.next(event);
  }

  get stream(): Observable<StatusEvent> {
    return this.subject.asObservable();
  }
}
