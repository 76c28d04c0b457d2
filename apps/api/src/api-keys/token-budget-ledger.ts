/** A request's hold on its key's token budget, from admission until its record is written. */
export interface BudgetReservation {
  keyId: string;
  /** Tokens counted in the request before it went out. */
  promptTokens: number;
  /** The most answer tokens the request may deliver: it fits what was left of the budget. */
  completionAllowance: number;
}

interface Settlement {
  tokens: number;
  /** The ledger's sequence number when the settlement's rows were committed; unset until then. */
  committedAt?: number;
  committedTime?: number;
}

/** Committed settlements are kept this long, for reads of the log that began before the commit. */
const committedRetentionMs = 60_000;

/**
 * The token budgets' in-flight accounting. The request log is the source of truth for tokens
 * used, but it only knows a request once its rows are written: between admission and that
 * moment a request's tokens live here, first as a reservation (prompt + completion allowance),
 * then as a settlement (what it really used) until the rows are committed. Admission sums the
 * log and this ledger, so concurrent requests cannot together overshoot a budget.
 *
 * A read of the log does not see a settlement committed after the read began, so a settlement
 * keeps counting for reads that started before its commit (sequence numbers say which). The
 * ledger is in memory: instances sharing one database share the log, not the in-flight part.
 */
export class TokenBudgetLedger {
  private sequence = 0;
  private readonly reservations = new Map<string, BudgetReservation>();
  /** Requests whose recording will settle them; others are released when their response closes. */
  private readonly recorded = new Set<string>();
  private readonly settlements = new Map<string, Settlement[]>();

  /** Marks the start of a read of the request log; hand the mark to `inFlight`. */
  beginRead(): number {
    return this.sequence;
  }

  /** Tokens of `keyId` the log read that began at `readMark` cannot have seen. */
  inFlight(keyId: string, readMark: number, now = Date.now()): number {
    let tokens = 0;
    for (const reservation of this.reservations.values()) if (reservation.keyId === keyId) tokens += reservation.promptTokens + reservation.completionAllowance;
    const settlements = this.settlements.get(keyId);
    if (settlements) {
      const kept = settlements.filter((settlement) => settlement.committedTime === undefined || now - settlement.committedTime < committedRetentionMs);
      if (kept.length) this.settlements.set(keyId, kept);
      else this.settlements.delete(keyId);
      for (const settlement of kept) if (settlement.committedAt === undefined || settlement.committedAt > readMark) tokens += settlement.tokens;
    }
    return tokens;
  }

  reserve(requestId: string, reservation: BudgetReservation): void {
    this.reservations.set(requestId, reservation);
  }

  reservationOf(requestId: string): BudgetReservation | undefined {
    return this.reservations.get(requestId);
  }

  /** The request's recording has begun: it, not the response's close, settles the reservation. */
  markRecorded(requestId: string): void {
    if (this.reservations.has(requestId)) this.recorded.add(requestId);
  }

  /** Drops a reservation no recording will settle (refused after admission, or a local answer). */
  releaseUnlessRecorded(requestId: string): void {
    if (this.recorded.has(requestId)) return;
    this.reservations.delete(requestId);
  }

  /**
   * Replaces the reservation by what the request used; the tokens count until `committed` (the
   * write of its rows) resolves. Returns false when the request held no reservation.
   */
  settle(requestId: string, tokens: number, committed: () => Promise<unknown>): boolean {
    const reservation = this.reservations.get(requestId);
    if (!reservation) return false;
    this.reservations.delete(requestId);
    this.recorded.delete(requestId);
    if (tokens <= 0) return true;
    const settlement: Settlement = { tokens };
    const list = this.settlements.get(reservation.keyId) ?? [];
    list.push(settlement);
    this.settlements.set(reservation.keyId, list);
    const markCommitted = () => {
      settlement.committedAt = ++this.sequence;
      settlement.committedTime = Date.now();
    };
    // A failed write leaves no row: the tokens then stop counting after the retention window.
    void committed().then(markCommitted, markCommitted);
    return true;
  }
}
