/** Token budgets run by UTC calendar day and month, so every instance and restart agrees. */
export interface BudgetPeriod {
  start: number;
  end: number;
}

export function utcDayOf(now: number): BudgetPeriod {
  const date = new Date(now);
  const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return { start, end: start + 86_400_000 };
}

export function utcMonthOf(now: number): BudgetPeriod {
  const date = new Date(now);
  return { start: Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1), end: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) };
}
