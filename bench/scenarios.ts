import type { MockAnswer } from './mocks/mock-answer';

/** One measured situation: the same mock answer and load for every target, interleaved. */
export interface Scenario {
  name: string;
  stream: boolean;
  concurrency: number;
  /** Requests each target serves per round; rounds alternate the targets' order. */
  requestsPerRound: number;
  rounds: number;
  /** Requests per target before measuring (connections, JIT, caches), thrown away. */
  warmupRequests: number;
  answer: MockAnswer;
  /** Only these targets (e.g. skip the direct ones where only memory matters); all when absent. */
  targetNames?: string[];
}

export interface SoakPlan {
  durationSeconds: number;
  concurrency: number;
  answer: MockAnswer;
}

export interface BenchPlan {
  mode: 'full' | 'quick';
  scenarios: Scenario[];
  soak: SoakPlan;
}

/** Small answers, no model delay: what is left of the latency is transport plus gateway. */
const smallAnswer: MockAnswer = { firstByteDelayMs: 0, chunks: 10, chunkIntervalMs: 0, answerCharacters: 200 };
/** 200 chunks paced like a fast model (200 tokens/s per stream), so streams overlap as in life. */
const pacedStream: MockAnswer = { firstByteDelayMs: 0, chunks: 200, chunkIntervalMs: 5, answerCharacters: 2000 };
/** Slow streams that stay open long enough to hold 1,000 at once. */
const longStream: MockAnswer = { firstByteDelayMs: 0, chunks: 200, chunkIntervalMs: 25, answerCharacters: 2000 };

const gatewayTargets = ['proxy-qwen', 'router-openai', 'portkey-openai'];

export function fullPlan(): BenchPlan {
  return {
    mode: 'full',
    scenarios: [
      { name: 'json c1', stream: false, concurrency: 1, requestsPerRound: 300, rounds: 4, warmupRequests: 200, answer: smallAnswer },
      { name: 'json c10', stream: false, concurrency: 10, requestsPerRound: 1000, rounds: 4, warmupRequests: 500, answer: smallAnswer },
      { name: 'json c100', stream: false, concurrency: 100, requestsPerRound: 2000, rounds: 3, warmupRequests: 500, answer: smallAnswer },
      // 2 ms pacing keeps one stream near half a second: first-token overhead does not depend on it.
      { name: 'stream c1', stream: true, concurrency: 1, requestsPerRound: 10, rounds: 3, warmupRequests: 3, answer: { ...pacedStream, chunkIntervalMs: 2 } },
      { name: 'stream c100', stream: true, concurrency: 100, requestsPerRound: 200, rounds: 3, warmupRequests: 100, answer: pacedStream },
      { name: 'stream c500', stream: true, concurrency: 500, requestsPerRound: 500, rounds: 2, warmupRequests: 100, answer: pacedStream },
      {
        name: 'open streams c1000',
        stream: true,
        concurrency: 1000,
        requestsPerRound: 1000,
        rounds: 1,
        warmupRequests: 0,
        answer: longStream,
        targetNames: gatewayTargets,
      },
    ],
    soak: { durationSeconds: 120, concurrency: 20, answer: { ...pacedStream, chunks: 50 } },
  };
}

/** About a minute: the headline targets only (c10 latency, 100 streams, a short soak). */
export function quickPlan(): BenchPlan {
  return {
    mode: 'quick',
    scenarios: [
      { name: 'json c10', stream: false, concurrency: 10, requestsPerRound: 300, rounds: 3, warmupRequests: 200, answer: smallAnswer },
      // 1 ms pacing keeps one stream at a quarter second: first-token overhead does not depend on it.
      { name: 'stream c1', stream: true, concurrency: 1, requestsPerRound: 6, rounds: 2, warmupRequests: 2, answer: { ...pacedStream, chunkIntervalMs: 1 } },
      { name: 'stream c100', stream: true, concurrency: 100, requestsPerRound: 100, rounds: 2, warmupRequests: 100, answer: pacedStream },
    ],
    soak: { durationSeconds: 10, concurrency: 20, answer: { ...pacedStream, chunks: 50 } },
  };
}

/** The most requests the Qwen path has in flight at once, to size its account pool. */
export function peakQwenConcurrency(plan: BenchPlan): number {
  const concurrencies = plan.scenarios
    .filter((scenario) => !scenario.targetNames || scenario.targetNames.includes('proxy-qwen'))
    .map((scenario) => scenario.concurrency);
  return Math.max(plan.soak.concurrency, ...concurrencies);
}
