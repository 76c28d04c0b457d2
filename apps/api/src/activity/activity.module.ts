import { Module } from '@nestjs/common';
import { ProvidersModule } from '../providers/providers.module';
import { ActivityController } from './activity.controller';
import { RequestLogService } from './request-log.service';
import { SessionsViewService } from './sessions-view.service';
import { UsageService } from './usage.service';

@Module({ imports: [ProvidersModule], controllers: [ActivityController], providers: [RequestLogService, SessionsViewService, UsageService] })
export class ActivityModule {}
