import type { StreamStep } from './stream-plan';

/**
 * Lays a stream out the way a careless server or proxy would: CRLF line endings on some frames,
 * trailing spaces on others, and SSE comment lines in between. Every variation is legal SSE, so a
 * client that chokes on one has a bug.
 */
export function layOutSloppily(steps: readonly StreamStep[]): StreamStep[] {
  const laidOut: StreamStep[] = [];
  let frameIndex = 0;
  for (const step of steps) {
    if (step.kind !== 'frame') {
      laidOut.push(step);
      continue;
    }
    const variant = frameIndex % 3;
    laidOut.push({
      ...step,
      layout: { lineEnding: variant === 1 ? '\r\n' : '\n', trailingSpaces: variant === 2 ? 2 : 0 },
    });
    if (frameIndex === 0) {
      laidOut.push({ kind: 'comment', text: 'ping' });
    }
    frameIndex += 1;
  }
  return laidOut;
}
