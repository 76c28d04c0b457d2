import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { ProvidersModule } from '../providers/providers.module';
import { QwenModule } from '../qwen/qwen.module';
import { ChatCompletionsController } from './chat-completions.controller';
import { ModelsController } from './models.controller';
import { OpenAiChatService } from './openai-chat.service';

@Module({
  imports: [QwenModule, ModelsModule, ProvidersModule],
  controllers: [ChatCompletionsController, ModelsController],
  providers: [OpenAiChatService],
})
export class OpenAiModule {}
