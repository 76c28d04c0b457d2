import { PayloadTooLargeError, ServiceUnavailableError } from '@qwen-proxy/contracts';
import { countTextTokens, estimateTextTokens } from '../token-count';
import { TokenizerFailure, type TokenizerWorkerPool } from './tokenizer-worker-pool';

export interface TokenCounterOptions {
  /** Texts up to this many characters are counted on the calling thread (a few ms at worst). */
  inlineMaxChars: number;
  /** Texts longer than this are not counted exactly (`count` refuses, `estimate` samples). */
  maxInputChars: number;
  /** Where longer texts are counted. */
  pool: Pick<TokenizerWorkerPool, 'count' | 'close'>;
  /** The tokenizer for short texts; the pool's workers load the same one. */
  countInline?: (text: string) => number;
}

/**
 * Token counts that never hold the event loop: short texts inline, long ones on a worker with a
 * time limit. `count` is for answers that promise a count (`count_tokens`) and fails clearly;
 * `estimate` is for usage estimates and falls back to a sampled estimate instead.
 */
export class TokenCounter {
  private readonly countInline: (text: string) => number;

  constructor(private readonly options: TokenCounterOptions) {
    this.countInline = options.countInline ?? countTextTokens;
  }

  count(text: string): Promise<number> {
    return this.countAll([text]);
  }

  /** The sum of the texts' counts, each text counted on its own; the caps apply to their total. */
  async countAll(texts: readonly string[]): Promise<number> {
    const length = texts.reduce((sum, text) => sum + text.length, 0);
    if (length <= this.options.inlineMaxChars) return texts.reduce((sum, text) => sum + (text ? this.countInline(text) : 0), 0);
    if (length > this.options.maxInputChars) {
      throw new PayloadTooLargeError(
        `The text to count is ${length} characters long; at most ${this.options.maxInputChars} are counted (TOKENIZER_MAX_INPUT_CHARS).`,
        { code: 'token_count_too_large' },
      );
    }
    try {
      return await this.options.pool.count(texts.filter((text) => text.length > 0));
    } catch (error) {
      if (error instanceof TokenizerFailure && error.reason === 'timeout') {
        throw new ServiceUnavailableError(`${error.message} (TOKENIZER_TIMEOUT_MS); send less text or try again.`, { code: 'tokenizer_timeout', retryable: true });
      }
      throw new ServiceUnavailableError(`The tokens could not be counted: ${(error as Error).message}`, { code: 'tokenizer_unavailable', retryable: true, cause: error });
    }
  }

  /** Never fails: a text too long or too slow to count is estimated from samples of it. */
  async estimate(text: string): Promise<number> {
    if (text.length > this.options.maxInputChars) return estimateTextTokens(text);
    return this.count(text).catch(() => estimateTextTokens(text));
  }

  close(): Promise<void> {
    return this.options.pool.close();
  }
}
