import { Module } from '@nestjs/common';
import { ChatRunnerModule } from '../common/chat-runner.module';
import { ProvidersModule } from '../providers/providers.module';
import { CompletionsController } from './completions.controller';
import { CompletionsService } from './completions.service';

/** OpenAI's legacy text completions (`/v1/completions`) on the proxy and router ports. */
@Module({
  imports: [ChatRunnerModule, ProvidersModule],
  controllers: [CompletionsController],
  providers: [CompletionsService],
})
export class CompletionsModule {}
