import { Module } from '@nestjs/common';
import { QwenModule } from '../qwen/qwen.module';
import { ModelCatalogueService } from './model-catalogue.service';

@Module({ imports: [QwenModule], providers: [ModelCatalogueService], exports: [ModelCatalogueService] })
export class ModelsModule {}
