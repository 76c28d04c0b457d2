import { Module } from '@nestjs/common';
import { ModelCatalogueService } from '../models/model-catalogue.service';
import { QwenModule } from '../qwen/qwen.module';
import { ChatCompletionsController } from './chat-completions.controller';
import { ModelsController } from './models.controller';
import { OpenAiChatService } from './openai-chat.service';

@Module({
  imports: [QwenModule],
  controllers: [ChatCompletionsController, ModelsController],
  providers: [OpenAiChatService, ModelCatalogueService],
})
export class OpenAiModule {}
