/**
 * The text of one phase. With `incremental_output:true` (which we always send) each frame's
 * `content` is a true delta: every real capture (smanx 2026-03, DOC-A 2026-08, weselow 2026-08)
 * shows that. The earlier guess that a content extending the text so far is a whole-text
 * snapshot rested on one unverified report and lost real deltas (`"|"` then `"| Name | Age |"`
 * came out as `"| Name | Age |"`), so every delta is now taken as it is. (`thinking_summary`
 * frames are cumulative; `SummaryThoughts` handles those.)
 */
export class IncrementalText {
  private length = 0;

  /** Characters delivered so far (the offset of the next delta, for citation positions). */
  get deliveredLength(): number {
    return this.length;
  }

  /** The part of `content` not delivered before: all of it. */
  next(content: string): string {
    this.length += content.length;
    return content;
  }
}
