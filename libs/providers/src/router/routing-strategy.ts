import type { RouteCandidate, RoutingStrategyName } from './route-candidate';

export interface OrderingContext {
  /** Requests in flight per provider id (least-busy). */
  inflight: (providerId: string) => number;
  /** A counter that advances once per routed request for this model (round-robin). */
  turn: number;
  /** Uniform random in [0, 1) (weighted); injectable so tests are deterministic. */
  random: () => number;
}

const byPriority = (left: RouteCandidate, right: RouteCandidate) => left.priority - right.priority;

/**
 * The order in which candidates are tried. The first is the choice; the rest are the fallbacks,
 * so every strategy returns every candidate exactly once.
 */
export function orderCandidates(strategy: RoutingStrategyName, candidates: readonly RouteCandidate[], context: OrderingContext): RouteCandidate[] {
  const sorted = [...candidates].sort(byPriority);
  switch (strategy) {
    case 'priority':
      return sorted;
    case 'round-robin': {
      if (sorted.length === 0) return sorted;
      const offset = context.turn % sorted.length;
      return [...sorted.slice(offset), ...sorted.slice(0, offset)];
    }
    case 'weighted':
      // Efraimidis–Spirakis: sorting by u^(1/w) draws a weighted random permutation, so the
      // first pick follows the weights and the fallbacks do too.
      return sorted
        .map((candidate) => ({ candidate, key: Math.pow(context.random(), 1 / Math.max(candidate.weight, 1e-9)) }))
        .sort((left, right) => right.key - left.key)
        .map(({ candidate }) => candidate);
    case 'least-busy':
      return sorted.sort((left, right) => context.inflight(left.providerId) - context.inflight(right.providerId) || byPriority(left, right));
  }
}
