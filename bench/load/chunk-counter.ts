import { chunkEndMarker } from '../mocks/mock-answer';

const markerByte = chunkEndMarker.charCodeAt(0);

/**
 * Counts the mock's chunk-end markers in a response body as it arrives, in any wire format
 * (Qwen frames, OpenAI chunks, a whole JSON answer): the first marker is the first token, the
 * count says whether every chunk got through.
 */
export class ChunkCounter {
  count = 0;

  /** Adds the markers of one body part; returns true when this part held the first one. */
  push(part: Uint8Array): boolean {
    const hadNone = this.count === 0;
    let index = part.indexOf(markerByte);
    while (index !== -1) {
      this.count += 1;
      index = part.indexOf(markerByte, index + 1);
    }
    return hadNone && this.count > 0;
  }
}
