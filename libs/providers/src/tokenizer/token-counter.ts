import { PayloadTooLargeError, ServiceUnavailableError } from '@qwen-proxy/contracts';
import { countTextTokens, estimateTextTokens } from '../token-count';
import type { TokenizerName } from './tokenizer-module';
import { TokenizerFailure, type TokenizerWorkerPool } from './tokenizer-worker-pool';

/** A count and the tokenizer that made it (a sampled o200k estimate when the exact count failed). */
export interface TokenEstimate {
  tokens: number;
  tokenizer: TokenizerName;
}

export interface TokenCounterOptions {
  /** Texts up to this many characters are counted on the calling thread (a few ms at worst). */
  inlineMaxChars: number;
  /** Texts longer than this are not counted exactly (`count` refuses, `estimate` samples). */
  maxInputChars: number;
  /** Where longer texts are counted. */
  pool: Pick<TokenizerWorkerPool, 'count' | 'close'>;
  /** The tokenizer the pool's workers load (o200k when not said). */
  tokenizer?: TokenizerName;
  /**
   * The same tokenizer on the calling thread, for short texts. Without it only o200k is counted
   * inline; another tokenizer counts everything on the pool (Qwen's costs 2.5 s to load, which
   * must never happen on the event loop).
   */
  countInline?: (text: string) => number;
}

/**
 * Token counts that never hold the event loop: short texts inline, long ones on a worker with a
 * time limit. `count` is for answers that promise a count (`count_tokens`) and fails clearly;
 * `estimate` is for usage estimates and falls back to a sampled estimate instead.
 */
export class TokenCounter {
  readonly tokenizer: TokenizerName;
  private readonly countInline: (text: string) => number;
  private readonly inlineMaxChars: number;

  constructor(private readonly options: TokenCounterOptions) {
    this.tokenizer = options.tokenizer ?? 'o200k';
    this.countInline = options.countInline ?? countTextTokens;
    this.inlineMaxChars = options.countInline || this.tokenizer === 'o200k' ? options.inlineMaxChars : 0;
  }

  count(text: string): Promise<number> {
    return this.countAll([text]);
  }

  /** The sum of the texts' counts, each text counted on its own; the caps apply to their total. */
  async countAll(texts: readonly string[]): Promise<number> {
    const length = texts.reduce((sum, text) => sum + text.length, 0);
    if (length <= this.inlineMaxChars) return texts.reduce((sum, text) => sum + (text ? this.countInline(text) : 0), 0);
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
    return (await this.estimateWithTokenizer(text)).tokens;
  }

  /** As `estimate`, saying which tokenizer counted (shown beside estimated usage). */
  async estimateWithTokenizer(text: string): Promise<TokenEstimate> {
    const sampled = (): TokenEstimate => ({ tokens: estimateTextTokens(text), tokenizer: 'o200k' });
    if (text.length > this.options.maxInputChars) return sampled();
    return this.count(text).then((tokens) => ({ tokens, tokenizer: this.tokenizer }), sampled);
  }

  close(): Promise<void> {
    return this.options.pool.close();
  }
}
