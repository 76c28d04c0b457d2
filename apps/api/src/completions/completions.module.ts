import { Module } from '@nestjs/common';
import { SurfaceChatRunner } from '../common/surface-chat-runner';
import { ModelsModule } from '../models/models.module';
import { ProvidersModule } from '../providers/providers.module';
import { QwenModule } from '../qwen/qwen.module';
import { CompletionsController } from './completions.controller';
import { CompletionsService } from './completions.service';

/** OpenAI's legacy text completions (`/v1/completions`) on the proxy and router ports. */
@Module({
  imports: [QwenModule, ModelsModule, ProvidersModule],
  controllers: [CompletionsController],
  providers: [SurfaceChatRunner, CompletionsService],
})
export class CompletionsModule {}
