import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { loadOrCreateAdminToken } from './admin-token';
import { AdminTokenGuard } from './admin-token.guard';
import { ClientKeyGuard } from './client-key.guard';
import { ADMIN_TOKEN } from './security.constants';

@Global()
@Module({
  providers: [
    {
      provide: ADMIN_TOKEN,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loadOrCreateAdminToken(config.dataDirectory, config.adminToken),
    },
    AdminTokenGuard,
    ClientKeyGuard,
  ],
  exports: [ADMIN_TOKEN, AdminTokenGuard, ClientKeyGuard],
})
export class SecurityModule {}
