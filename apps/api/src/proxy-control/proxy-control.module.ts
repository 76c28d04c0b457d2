import { Module } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module';
import { ProvidersModule } from '../providers/providers.module';
import { QwenModule } from '../qwen/qwen.module';
import { ProxyControlController } from './proxy-control.controller';
import { ProxyControlService } from './proxy-control.service';

@Module({
  imports: [CredentialsModule, QwenModule, ProvidersModule],
  controllers: [ProxyControlController],
  providers: [ProxyControlService],
})
export class ProxyControlModule {}
