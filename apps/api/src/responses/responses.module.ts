import { Module } from '@nestjs/common';
import { SurfaceChatRunner } from '../common/surface-chat-runner';
import { ModelsModule } from '../models/models.module';
import { ProvidersModule } from '../providers/providers.module';
import { QwenModule } from '../qwen/qwen.module';
import { ResponseStore } from './response-store';
import { ResponsesController } from './responses.controller';
import { ResponsesService } from './responses.service';

/** OpenAI's Responses API (`/v1/responses`) on the proxy and router ports. */
@Module({
  imports: [QwenModule, ModelsModule, ProvidersModule],
  controllers: [ResponsesController],
  providers: [SurfaceChatRunner, ResponseStore, ResponsesService],
})
export class ResponsesModule {}
