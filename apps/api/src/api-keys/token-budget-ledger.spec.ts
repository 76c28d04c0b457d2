import { TokenBudgetLedger } from './token-budget-ledger';

describe('TokenBudgetLedger', () => {
  const reservation = { keyId: 'key', promptTokens: 10, completionAllowance: 90 };

  it('counts reservations, then settlements until their rows are committed', async () => {
    const ledger = new TokenBudgetLedger();
    ledger.reserve('a', reservation);
    expect(ledger.inFlight('key', ledger.beginRead())).toBe(100);
    let commit!: () => void;
    ledger.settle('a', 30, () => new Promise<void>((resolve) => (commit = resolve)));
    const readBeforeCommit = ledger.beginRead();
    expect(ledger.inFlight('key', readBeforeCommit)).toBe(30);
    commit();
    await Promise.resolve();
    await Promise.resolve();
    // A read that began before the commit did not see the row: the settlement still counts for it.
    expect(ledger.inFlight('key', readBeforeCommit)).toBe(30);
    expect(ledger.inFlight('key', ledger.beginRead())).toBe(0);
    expect(ledger.inFlight('other', readBeforeCommit)).toBe(0);
  });

  it('releases a reservation no recording took over, and keeps one that a recording will settle', () => {
    const ledger = new TokenBudgetLedger();
    ledger.reserve('a', reservation);
    ledger.reserve('b', reservation);
    ledger.markRecorded('b');
    ledger.releaseUnlessRecorded('a');
    ledger.releaseUnlessRecorded('b');
    expect(ledger.inFlight('key', ledger.beginRead())).toBe(100);
    expect(ledger.settle('a', 5, () => Promise.resolve())).toBe(false);
  });
});
