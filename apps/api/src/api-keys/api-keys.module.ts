import { Global, Module } from '@nestjs/common';
import { ApiKeyAccessService } from './api-key-access.service';
import { ApiKeyTokenUsage } from './api-key-token-usage';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';

/** Global: every `/v1` controller's ClientKeyGuard asks ApiKeyAccessService. */
@Global()
@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeysService, ApiKeyTokenUsage, ApiKeyAccessService],
  exports: [ApiKeyAccessService],
})
export class ApiKeysModule {}
