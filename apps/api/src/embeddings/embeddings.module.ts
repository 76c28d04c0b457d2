import { Module } from '@nestjs/common';
import { ProvidersModule } from '../providers/providers.module';
import { EmbeddingsController } from './embeddings.controller';
import { EmbeddingsService } from './embeddings.service';
import { RouterOnlyGuard } from './router-only.guard';

/** OpenAI's embeddings (`/v1/embeddings`): served by the router, refused on the proxy port. */
@Module({
  imports: [ProvidersModule],
  controllers: [EmbeddingsController],
  providers: [EmbeddingsService, RouterOnlyGuard],
})
export class EmbeddingsModule {}
