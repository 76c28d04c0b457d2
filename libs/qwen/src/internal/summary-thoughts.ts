/** Between two thoughts of the summary, as the web UI shows them. */
const thoughtSeparator = '\n\n';

/**
 * The reasoning of `thinking_summary` frames. Each frame repeats the whole list of thoughts
 * (`extra.summary_thought.content`), which grows in two ways: new thoughts are appended and the
 * last one gets longer. Only text never returned before comes out.
 */
export class SummaryThoughts {
  private readonly delivered: string[] = [];
  private deliveredAnything = false;

  next(thoughts: readonly string[]): string {
    let fresh = '';
    thoughts.forEach((thought, index) => {
      const previous = this.delivered[index] ?? '';
      // A repeat, or a shorter copy of what was already delivered: nothing new.
      if (previous.startsWith(thought)) return;
      const growsPrevious = previous !== '' && thought.startsWith(previous);
      const addition = growsPrevious ? thought.slice(previous.length) : thought;
      // A thought that is new, or rewritten beyond its old start, begins a new paragraph.
      const separator = !growsPrevious && (this.deliveredAnything || fresh !== '') ? thoughtSeparator : '';
      fresh += separator + addition;
      this.delivered[index] = thought;
    });
    if (fresh !== '') this.deliveredAnything = true;
    return fresh;
  }
}
