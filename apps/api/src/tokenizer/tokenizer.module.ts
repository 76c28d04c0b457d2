import { Global, Inject, Module, type OnModuleDestroy } from '@nestjs/common';
import { o200kTokenizerModule, qwen3TokenizerModule, TokenCounter, type TokenizerModule as TokenizerSource, TokenizerWorkerPool } from '@qwen-proxy/providers';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/**
 * Qwen's own tokenizer, for what Qwen answers: the chat.qwen.ai provider's usage estimates and
 * the proxy port's Anthropic `count_tokens`. `TokenCounter` itself stays o200k, for the router's
 * OpenAI-compatible upstreams (README, "Token counts").
 */
export const QWEN_TOKEN_COUNTER = Symbol('QWEN_TOKEN_COUNTER');

function counterFor(tokenizer: TokenizerSource, { limits }: AppConfig): TokenCounter {
  return new TokenCounter({
    tokenizer: tokenizer.name,
    inlineMaxChars: limits.tokenizerInlineMaxChars,
    maxInputChars: limits.tokenizerMaxInputChars,
    pool: new TokenizerWorkerPool({ tokenizer, size: limits.tokenizerWorkers, timeoutMs: limits.tokenizerTimeoutMs }),
  });
}

/** The token counters: short o200k texts inline, everything else on worker threads (README, Security). */
@Global()
@Module({
  providers: [
    { provide: TokenCounter, inject: [APP_CONFIG], useFactory: (config: AppConfig) => counterFor(o200kTokenizerModule, config) },
    { provide: QWEN_TOKEN_COUNTER, inject: [APP_CONFIG], useFactory: (config: AppConfig) => counterFor(qwen3TokenizerModule, config) },
  ],
  exports: [TokenCounter, QWEN_TOKEN_COUNTER],
})
export class TokenizerModule implements OnModuleDestroy {
  constructor(
    @Inject(TokenCounter) private readonly counter: TokenCounter,
    @Inject(QWEN_TOKEN_COUNTER) private readonly qwenCounter: TokenCounter,
  ) {}

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.counter.close(), this.qwenCounter.close()]);
  }
}
