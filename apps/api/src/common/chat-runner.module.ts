import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { ProvidersModule } from '../providers/providers.module';
import { QwenModule } from '../qwen/qwen.module';
import { SurfaceChatRunner } from './surface-chat-runner';

/** The one SurfaceChatRunner every wire surface (OpenAI, Anthropic, Responses, completions) uses. */
@Module({ imports: [QwenModule, ProvidersModule, ModelsModule], providers: [SurfaceChatRunner], exports: [SurfaceChatRunner] })
export class ChatRunnerModule {}
