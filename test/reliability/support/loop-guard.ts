import { request as httpRequest } from 'node:http';

/** A probe that waits longer than this means the app's event loop was held: every port froze. */
export const probeCeilingMs = 1_000;
const probeIntervalMs = 100;

export interface LoopGuardReport<T> {
  result: T;
  probes: number;
  /** The slowest probe's wait, in ms. */
  worstProbeMs: number;
}

/**
 * Runs `attack` while `GET /health/live` is probed every 100 ms on another connection, and
 * reports the slowest probe. One Node process serves every port, so anything that holds its
 * event loop (a parser, a validator, a tokenizer) shows up here as a slow probe, whatever the
 * machine's speed: judge by `probeCeilingMs`, which is very generous. Add an attack here for
 * every new parser or validator.
 */
export async function guardEventLoop<T>(controlUrl: string, attack: () => Promise<T>): Promise<LoopGuardReport<T>> {
  let running = true;
  let probes = 0;
  let worstProbeMs = 0;
  const probing = (async () => {
    while (running) {
      const waited = await probeOnce(`${controlUrl}/health/live`);
      probes += 1;
      worstProbeMs = Math.max(worstProbeMs, waited);
      await new Promise((resolve) => setTimeout(resolve, probeIntervalMs));
    }
  })();
  try {
    const result = await attack();
    // A few more probes: work the attack left behind (a body still being walked) counts too.
    await new Promise((resolve) => setTimeout(resolve, 3 * probeIntervalMs));
    return { result, probes, worstProbeMs };
  } finally {
    running = false;
    await probing;
  }
}

/** How long one probe waited for its answer; a probe that gets none counts as 30 s. */
function probeOnce(url: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    const outgoing = httpRequest(url, { agent: false, timeout: 30_000 }, (incoming) => {
      incoming.resume();
      incoming.on('end', () => resolve(performance.now() - started));
      incoming.on('error', () => resolve(30_000));
    });
    outgoing.on('timeout', () => outgoing.destroy());
    outgoing.on('error', () => resolve(Math.max(30_000, performance.now() - started)));
    outgoing.end();
  });
}
