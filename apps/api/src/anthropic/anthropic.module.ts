import { Module } from '@nestjs/common';
import { ChatRunnerModule } from '../common/chat-runner.module';
import { ProvidersModule } from '../providers/providers.module';
import { AnthropicMessagesService } from './anthropic-messages.service';
import { MessagesController } from './messages.controller';

/** Anthropic's Messages API (`/v1/messages`) on the proxy and router ports. */
@Module({
  imports: [ChatRunnerModule, ProvidersModule],
  controllers: [MessagesController],
  providers: [AnthropicMessagesService],
})
export class AnthropicModule {}
