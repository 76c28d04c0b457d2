import { Worker } from 'node:worker_threads';
import { boundedPieces } from './bounded-pieces';
import type { TokenizerModule } from './tokenizer-module';

export interface TokenizerWorkerPoolOptions {
  tokenizer: TokenizerModule;
  /** Workers at most (each holds its own copy of the tokenizer's tables). */
  size: number;
  /** A count not answered within this long (queueing included) fails and its worker is replaced. */
  timeoutMs: number;
  /** Pieces the text is cut into before counting (see `boundedPieces`). */
  maxPieceChars?: number;
}

/** Why a count failed; callers turn it into their own error or fall back to an estimate. */
export class TokenizerFailure extends Error {
  constructor(
    readonly reason: 'timeout' | 'failed' | 'closed',
    message: string,
  ) {
    super(message);
    this.name = 'TokenizerFailure';
  }
}

/*
 * The worker's whole program, run with `eval`: a file beside this one would be a `.ts` under
 * jest and a `.js` once built. It knows no tokenizer: it loads `TokenizerModule` as
 * `loadTokenizerModule` does (a counting export, or a factory of an encoder), on first use.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
let counter;
function count(text) {
  if (!counter) {
    const exported = require(workerData.modulePath)[workerData.exportName];
    if (workerData.shape === 'encode-factory') {
      const encoder = exported();
      counter = (piece) => encoder.encode(piece, { add_special_tokens: false }).length;
    } else counter = exported;
  }
  return counter(text);
}
parentPort.on('message', (job) => {
  try {
    let total = 0;
    for (const piece of job.pieces) total += count(piece);
    parentPort.postMessage({ id: job.id, total });
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: String((error && error.message) || error) });
  }
});
`;

interface Job {
  id: number;
  pieces: string[];
  resolve(total: number): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  worker?: PoolWorker;
}

interface PoolWorker {
  thread: Worker;
  job?: Job;
}

/**
 * Counts tokens of long texts on worker threads, so that a hostile or merely huge text never
 * holds the event loop that serves every port. Workers start on first use; a count that runs
 * past `timeoutMs` is abandoned and its worker terminated (a replacement starts on demand).
 */
export class TokenizerWorkerPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: TokenizerWorkerPoolOptions) {}

  /** Tokens of the text, or the sum over several texts (each counted on its own). */
  count(text: string | readonly string[]): Promise<number> {
    if (this.closed) return Promise.reject(new TokenizerFailure('closed', 'The tokenizer pool is closed.'));
    return new Promise<number>((resolve, reject) => {
      const job: Job = {
        id: this.nextId++,
        // Cut here, in linear time: the worker only counts.
        pieces: (typeof text === 'string' ? [text] : text).flatMap((one) => boundedPieces(one, this.options.maxPieceChars)),
        resolve,
        reject,
        timer: setTimeout(() => this.expire(job), this.options.timeoutMs),
      };
      job.timer.unref();
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Rejects what is pending and ends every worker. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, new TokenizerFailure('closed', 'The tokenizer pool is closed.'));
    await Promise.all(this.workers.splice(0).map((worker) => this.retire(worker)));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.workers.find((candidate) => !candidate.job) ?? this.spawn();
      if (!worker) return;
      const job = this.queue.shift()!;
      worker.job = job;
      job.worker = worker;
      worker.thread.postMessage({ id: job.id, pieces: job.pieces });
    }
  }

  private spawn(): PoolWorker | undefined {
    if (this.workers.length >= this.options.size) return undefined;
    const thread = new Worker(workerSource, { eval: true, workerData: this.options.tokenizer });
    const worker: PoolWorker = { thread };
    thread.on('message', (message: { id: number; total?: number; error?: string }) => {
      const job = worker.job;
      if (!job || job.id !== message.id) return;
      worker.job = undefined;
      this.settle(job, message.error === undefined ? message.total! : new TokenizerFailure('failed', `The tokenizer failed: ${message.error}`));
      this.dispatch();
    });
    const lost = (reason: string) => {
      const index = this.workers.indexOf(worker);
      if (index === -1) return;
      this.workers.splice(index, 1);
      if (worker.job) this.settle(worker.job, new TokenizerFailure('failed', `The tokenizer worker ${reason}.`));
      worker.job = undefined;
      this.dispatch();
    };
    thread.on('error', (error) => lost(`failed: ${error.message}`));
    thread.on('exit', (code) => lost(`exited (${code})`));
    // Idle workers never keep the process alive.
    thread.unref();
    this.workers.push(worker);
    return worker;
  }

  private expire(job: Job): void {
    const waiting = this.queue.indexOf(job);
    if (waiting !== -1) this.queue.splice(waiting, 1);
    const worker = job.worker;
    this.settle(job, new TokenizerFailure('timeout', `Counting the tokens took longer than ${this.options.timeoutMs} ms.`));
    if (worker) {
      // The only way to stop a synchronous count is to end its thread.
      const index = this.workers.indexOf(worker);
      if (index !== -1) this.workers.splice(index, 1);
      worker.job = undefined;
      void this.retire(worker);
      this.dispatch();
    }
  }

  private settle(job: Job, outcome: number | Error): void {
    clearTimeout(job.timer);
    if (typeof outcome === 'number') job.resolve(outcome);
    else job.reject(outcome);
  }

  private async retire(worker: PoolWorker): Promise<void> {
    worker.thread.removeAllListeners('exit');
    await worker.thread.terminate().catch(() => undefined);
  }
}
