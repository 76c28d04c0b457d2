import { Module } from '@nestjs/common';
import { SurfaceChatRunner } from '../common/surface-chat-runner';
import { ModelsModule } from '../models/models.module';
import { ProvidersModule } from '../providers/providers.module';
import { QwenModule } from '../qwen/qwen.module';
import { AnthropicMessagesService } from './anthropic-messages.service';
import { MessagesController } from './messages.controller';

/** Anthropic's Messages API (`/v1/messages`) on the proxy and router ports. */
@Module({
  imports: [QwenModule, ModelsModule, ProvidersModule],
  controllers: [MessagesController],
  providers: [SurfaceChatRunner, AnthropicMessagesService],
})
export class AnthropicModule {}
