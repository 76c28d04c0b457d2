import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { allEntities, createDataSourceOptions, loadOrCreateSecretKey, SecretCipher } from '@qwen-proxy/persistence';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { WalCheckpointService } from './wal-checkpoint.service';

/** The database (migrated at boot, its log checkpointed off the event loop) and the cipher for secret columns. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        createDataSourceOptions({ dataDirectory: config.dataDirectory, databaseUrl: config.databaseUrl }),
    }),
    TypeOrmModule.forFeature(allEntities),
  ],
  providers: [
    WalCheckpointService,
    {
      provide: SecretCipher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new SecretCipher(loadOrCreateSecretKey(config.dataDirectory, config.secretKey)),
    },
  ],
  exports: [TypeOrmModule, SecretCipher],
})
export class DatabaseModule {}
