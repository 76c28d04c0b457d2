/** The parts of V8's .cpuprofile format (written by `node --cpu-prof`) that a summary needs. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Self time per function and per package, largest first, as printable lines. Self time (samples
 * whose top frame is the function) points at the code that burns the CPU, not at its callers.
 */
export function summarizeCpuProfile(profile: CpuProfile, limit: number): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicroseconds = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((nodeId, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const frame = byId.get(nodeId)?.callFrame;
    if (!frame) return;
    total += delta;
    const place = frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/work\/main\//, '');
    const key = `${frame.functionName || '(anonymous)'} ${place}:${frame.lineNumber + 1}`;
    selfMicroseconds.set(key, (selfMicroseconds.get(key) ?? 0) + delta);
    byPackage.set(packageOf(frame.url, frame.functionName), (byPackage.get(packageOf(frame.url, frame.functionName)) ?? 0) + delta);
  });
  const percent = (value: number) => `${((100 * value) / Math.max(1, total)).toFixed(1).padStart(5)}%`;
  const top = (entries: Map<string, number>, count: number) =>
    [...entries].sort((left, right) => right[1] - left[1]).slice(0, count).map(([key, value]) => `${percent(value)}  ${key}`);
  return ['By package (self time):', ...top(byPackage, 15), '', 'By function (self time):', ...top(selfMicroseconds, limit)];
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  if (url.startsWith('node:')) return url;
  const local = /\/work\/main\/(dist\/)?((apps|libs)\/[^/]+)/.exec(url);
  return local ? local[2] : url;
}
