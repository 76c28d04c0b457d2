import { Module } from '@nestjs/common';
import { ChatRunnerModule } from '../common/chat-runner.module';
import { ProvidersModule } from '../providers/providers.module';
import { ResponseStore } from './response-store';
import { ResponsesController } from './responses.controller';
import { ResponsesService } from './responses.service';

/** OpenAI's Responses API (`/v1/responses`) on the proxy and router ports. */
@Module({
  imports: [ChatRunnerModule, ProvidersModule],
  controllers: [ResponsesController],
  providers: [ResponseStore, ResponsesService],
})
export class ResponsesModule {}
