import type { EntityManager } from 'typeorm';
import { queryWithNamedParameters } from './bind-named-parameters';

/**
 * "Last used" times of rows that requests touch (accounts, API keys): informative, so kept in
 * memory at once and written at most once per interval per row, the newest time winning. A
 * write per request cost more CPU than the rest of an account lease (bench/profile.ts).
 */
export class LastUsedWriter {
  private readonly pending = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: {
      manager: EntityManager;
      /** The table, with an `id` and a `last_used_at` column. */
      table: string;
      intervalMs: number;
      onError(id: string, failure: unknown): void;
    },
  ) {}

  note(id: string, at: number): void {
    this.pending.set(id, at);
    this.timer ??= setTimeout(() => void this.flush(), this.options.intervalMs).unref();
  }

  /** The time noted for a row and not yet written, to show instead of the stored one. */
  unwritten(id: string): number | undefined {
    return this.pending.get(id);
  }

  /**
   * Writes what is pending (at shutdown, or when the interval ends) and resolves once every
   * write started so far is done, so a shutdown never closes the database under one. A row that
   * cannot be written is reported.
   */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const pending = [...this.pending];
    this.pending.clear();
    this.writing = this.writing.then(() => this.write(pending));
    return this.writing;
  }

  private async write(pending: [string, number][]): Promise<void> {
    for (const [id, at] of pending) {
      await queryWithNamedParameters(this.options.manager, `UPDATE "${this.options.table}" SET "last_used_at" = :at WHERE "id" = :id`, { at, id }).catch(
        (failure: unknown) => this.options.onError(id, failure),
      );
    }
  }
}
