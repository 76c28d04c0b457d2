import { of } from 'rxjs';
import type { ChatProvider } from '../chat-provider';
import type { RouteCandidate } from './route-candidate';
import { orderCandidates } from './routing-strategy';

const provider = { id: 'p', type: 't', chat: () => of(), listModels: async () => [] } as ChatProvider;
const candidate = (providerId: string, priority: number, weight = 1): RouteCandidate => ({ providerId, provider, upstreamModel: 'm', priority, weight });
const ids = (candidates: RouteCandidate[]) => candidates.map((entry) => entry.providerId);
const context = { inflight: () => 0, turn: 0, random: Math.random };

describe(orderCandidates.name, () => {
  const candidates = [candidate('b', 2), candidate('a', 1), candidate('c', 3)];

  it('priority: lowest first, the others as fallbacks', () => {
    expect(ids(orderCandidates('priority', candidates, context))).toEqual(['a', 'b', 'c']);
  });

  it('round-robin: each turn starts one further along', () => {
    const firsts = [0, 1, 2, 3].map((turn) => ids(orderCandidates('round-robin', candidates, { ...context, turn }))[0]);
    expect(firsts).toEqual(['a', 'b', 'c', 'a']);
    expect(ids(orderCandidates('round-robin', candidates, { ...context, turn: 1 }))).toEqual(['b', 'c', 'a']);
  });

  it('weighted: the first pick follows the weights', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const weighted = [candidate('heavy', 1, 3), candidate('light', 1, 1)];
    const counts = { heavy: 0, light: 0 };
    for (let turn = 0; turn < 4000; turn++) counts[orderCandidates('weighted', weighted, { ...context, random })[0]!.providerId as 'heavy' | 'light']++;
    expect(counts.heavy / 4000).toBeGreaterThan(0.72);
    expect(counts.heavy / 4000).toBeLessThan(0.78);
  });

  it('least-busy: fewest requests in flight first, priority breaking ties', () => {
    const inflight = (id: string) => ({ a: 5, b: 0, c: 0 })[id] ?? 0;
    expect(ids(orderCandidates('least-busy', candidates, { ...context, inflight }))).toEqual(['b', 'c', 'a']);
  });

  it('always returns every candidate once', () => {
    for (const strategy of ['priority', 'round-robin', 'weighted', 'least-busy'] as const) {
      expect(ids(orderCandidates(strategy, candidates, { ...context, turn: 7 })).sort()).toEqual(['a', 'b', 'c']);
    }
  });
});
