import { Module } from '@nestjs/common';
import { ChatRunnerModule } from '../common/chat-runner.module';
import { ModelsModule } from '../models/models.module';
import { ProvidersModule } from '../providers/providers.module';
import { ChatCompletionsController } from './chat-completions.controller';
import { ModelsController } from './models.controller';
import { OpenAiChatService } from './openai-chat.service';

@Module({
  imports: [ChatRunnerModule, ModelsModule, ProvidersModule],
  controllers: [ChatCompletionsController, ModelsController],
  providers: [OpenAiChatService],
})
export class OpenAiModule {}
