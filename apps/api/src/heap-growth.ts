import { setFlagsFromString } from 'node:v8';

/** Heap growth after a full collection: at most 1.5× what survived it. */
export const heapGrowingPercent = 50;

/**
 * A gateway's heap is mostly short-lived garbage (request bodies, stream chunks) around a small
 * live set. V8 lets the heap grow to up to four times what survived the last full collection
 * before it collects again, so with 1,000 open streams (about 75 MB live) it idled at 300+ MB
 * of garbage. Capping growth at 1.5× held the peak near 220 MB at the same CPU per stream
 * (bench/memory-probe.ts). A `--heap-growing-percent` given on the command line wins.
 */
export function limitHeapGrowth(nodeFlags: readonly string[] = process.execArgv): void {
  if (nodeFlags.some((flag) => flag.startsWith('--heap-growing-percent') || flag.startsWith('--heap_growing_percent'))) return;
  setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);
}
