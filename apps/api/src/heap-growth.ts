import { setFlagsFromString } from 'node:v8';

/** Heap growth after a full collection: at most 1.25× what survived it. */
export const heapGrowingPercent = 25;

/**
 * A gateway's heap is mostly short-lived garbage (request bodies, stream chunks) around a small
 * live set. V8 lets the heap grow to up to four times what survived the last full collection
 * before it collects again, so with 1,000 open streams (about 75 MB live) the process sat at
 * 300-600 MB, mostly garbage. Capped growth brought full benchmark runs to 273-295 MB (one
 * outlier at 325 MB) with CPU per request unchanged within the runs' noise (bench/memory-probe.ts,
 * bench/results). A `--heap-growing-percent` given on the command line wins.
 */
export function limitHeapGrowth(nodeFlags: readonly string[] = process.execArgv): void {
  if (nodeFlags.some((flag) => flag.startsWith('--heap-growing-percent') || flag.startsWith('--heap_growing_percent'))) return;
  setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`);
}
