import { Global, Module } from '@nestjs/common';
import { CredentialsModule } from '../credentials/credentials.module';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

@Global()
@Module({ imports: [CredentialsModule], controllers: [MetricsController], providers: [MetricsService], exports: [MetricsService] })
export class MetricsModule {}
