import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module';
import { QwenModule } from '../qwen/qwen.module';
import { extensionCors, extensionCorsPolicy } from './extension-cors';
import { ExtensionIntakeController } from './extension-intake.controller';
import { ExtensionIntakeService } from './extension-intake.service';
import { ExtensionPairingController } from './extension-pairing.controller';
import { ExtensionTokenGuard } from './extension-token.guard';
import { ExtensionTokensService } from './extension-tokens.service';
import { PairingCodes } from './pairing-codes';

/** The browser extension's side of the control plane: pairing, scoped tokens, credential intake. */
@Module({
  imports: [CredentialsModule, QwenModule],
  controllers: [ExtensionPairingController, ExtensionIntakeController],
  providers: [{ provide: PairingCodes, useFactory: () => new PairingCodes() }, ExtensionTokensService, ExtensionTokenGuard, ExtensionIntakeService],
})
export class ExtensionModule implements NestModule {
  constructor(private readonly tokens: ExtensionTokensService) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(extensionCors(extensionCorsPolicy((origin) => this.tokens.isPairedOrigin(origin))))
      .forRoutes({ path: 'api/extension/*path', method: RequestMethod.ALL });
  }
}
