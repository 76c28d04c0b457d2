import { Module } from '@nestjs/common';
import { ChatRunnerModule } from '../common/chat-runner.module';
import { ModelsModule } from '../models/models.module';
import { ProvidersModule } from '../providers/providers.module';
import { QwenModule } from '../qwen/qwen.module';
import { RecordingModule } from '../recording/recording.module';
import { ImagesController } from './images.controller';
import { ImagesService } from './images.service';

/** OpenAI's image generation (`/v1/images/generations`) on the proxy and router ports. */
@Module({
  imports: [ChatRunnerModule, ProvidersModule, ModelsModule, QwenModule, RecordingModule],
  controllers: [ImagesController],
  providers: [ImagesService],
})
export class ImagesModule {}
