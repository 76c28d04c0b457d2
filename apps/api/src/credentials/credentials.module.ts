import { Module } from '@nestjs/common';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';
import { QwenAccountPool } from './qwen-account-pool';

@Module({
  controllers: [CredentialsController],
  providers: [CredentialsService, QwenAccountPool],
  exports: [CredentialsService, QwenAccountPool],
})
export class CredentialsModule {}
