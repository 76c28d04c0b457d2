/**
 * The text of one phase, fed with what each frame's `content` holds. With
 * `incremental_output:true` that is a delta, but some captures show whole-text snapshots: a
 * content that extends the text so far is taken as a snapshot and only its new end is returned.
 *
 * An exact repeat of the text so far is ambiguous (a snapshot with nothing new, or a delta that
 * happens to repeat a short text such as `"1"` then `"1"`), so it is only dropped once this phase
 * has proved it sends snapshots.
 */
export class IncrementalText {
  private text = '';
  private sendsSnapshots = false;

  /** The part of `content` not delivered before. */
  next(content: string): string {
    if (content === '') return '';
    let fresh = content;
    if (this.text !== '' && content.startsWith(this.text)) {
      if (content.length > this.text.length) {
        this.sendsSnapshots = true;
        fresh = content.slice(this.text.length);
      } else if (this.sendsSnapshots) {
        fresh = '';
      }
    }
    this.text += fresh;
    return fresh;
  }
}
