import { Global, Inject, Module, type OnModuleDestroy } from '@nestjs/common';
import { o200kTokenizerModule, TokenCounter, TokenizerWorkerPool } from '@qwen-proxy/providers';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** The one token counter: short texts inline, long ones on worker threads (README, Security). */
@Global()
@Module({
  providers: [
    {
      provide: TokenCounter,
      inject: [APP_CONFIG],
      useFactory: ({ limits }: AppConfig) =>
        new TokenCounter({
          inlineMaxChars: limits.tokenizerInlineMaxChars,
          maxInputChars: limits.tokenizerMaxInputChars,
          pool: new TokenizerWorkerPool({ tokenizer: o200kTokenizerModule, size: limits.tokenizerWorkers, timeoutMs: limits.tokenizerTimeoutMs }),
        }),
    },
  ],
  exports: [TokenCounter],
})
export class TokenizerModule implements OnModuleDestroy {
  constructor(@Inject(TokenCounter) private readonly counter: TokenCounter) {}

  onModuleDestroy(): Promise<void> {
    return this.counter.close();
  }
}
