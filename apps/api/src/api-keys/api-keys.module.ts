import { Global, Module } from '@nestjs/common';
import { ApiKeyAccessService } from './api-key-access.service';
import { ApiKeyTokenUsage } from './api-key-token-usage';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { TokenBudgetLedger } from './token-budget-ledger';

/** Global: every `/v1` controller's ClientKeyGuard asks ApiKeyAccessService; the recorder settles TokenBudgetLedger's reservations. */
@Global()
@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeysService, ApiKeyTokenUsage, ApiKeyAccessService, TokenBudgetLedger],
  exports: [ApiKeyAccessService, TokenBudgetLedger],
})
export class ApiKeysModule {}
