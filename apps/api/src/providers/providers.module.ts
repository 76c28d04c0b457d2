import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { QwenModule } from '../qwen/qwen.module';
import { RouterService } from '../router/router.service';
import { ModelsAdminController } from './models-admin.controller';
import { ProvidersController } from './providers.controller';
import { ProvidersService } from './providers.service';

@Module({
  imports: [QwenModule, ModelsModule],
  controllers: [ProvidersController, ModelsAdminController],
  providers: [ProvidersService, RouterService],
  exports: [ProvidersService, RouterService],
})
export class ProvidersModule {}
