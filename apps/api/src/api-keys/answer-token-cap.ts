import { Observable, type OperatorFunction } from 'rxjs';
import type { ChatEvent } from '@qwen-proxy/contracts';
import { countTextTokens } from '@qwen-proxy/providers';
import type { BudgetReservation } from './token-budget-ledger';

/**
 * Ends an answer once it would pass its budget reservation's allowance: Qwen's web chat ignores
 * `max_tokens`, so the budget is kept here. The answer ends as a `length` finish (what a client
 * knows from `max_tokens`) with an estimated usage, and unsubscribing aborts the upstream
 * request. A tool call already begun is delivered whole (a half call is useless), so a budget
 * may be passed by at most that call.
 */
export function capAnswerTokens(reservation: BudgetReservation): OperatorFunction<ChatEvent, ChatEvent> {
  return (source) =>
    new Observable<ChatEvent>((subscriber) => {
      let used = 0;
      let openToolCalls = 0;
      const cut = () => {
        subscriber.next({
          type: 'usage',
          usage: { inputTokens: reservation.promptTokens, outputTokens: used, totalTokens: reservation.promptTokens + used, estimated: true },
        });
        subscriber.next({ type: 'finish', reason: 'length', truncated: false });
        subscriber.complete();
      };
      const subscription = source.subscribe({
        next: (event) => {
          if (subscriber.closed) return;
          switch (event.type) {
            case 'text-delta':
            case 'reasoning-delta': {
              const tokens = countTextTokens(event.text);
              if (openToolCalls === 0 && used + tokens > reservation.completionAllowance) return cut();
              used += tokens;
              break;
            }
            case 'tool-call-start':
              openToolCalls += 1;
              used += countTextTokens(event.name);
              break;
            case 'tool-call-delta':
              used += countTextTokens(event.argumentsDelta);
              break;
            case 'tool-call-end':
              openToolCalls = Math.max(0, openToolCalls - 1);
              break;
            default:
              break;
          }
          subscriber.next(event);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => subscription.unsubscribe();
    });
}
