import type { ChatProvider } from '../chat-provider';

/** One provider that can serve a requested model, and the model's name on that provider. */
export interface RouteCandidate {
  providerId: string;
  provider: ChatProvider;
  upstreamModel: string;
  /** Lower goes first under the priority strategy. */
  priority: number;
  /** Relative share under the weighted strategy (> 0). */
  weight: number;
}

export type RoutingStrategyName = 'priority' | 'round-robin' | 'weighted' | 'least-busy';

export const routingStrategyNames: readonly RoutingStrategyName[] = ['priority', 'round-robin', 'weighted', 'least-busy'];
