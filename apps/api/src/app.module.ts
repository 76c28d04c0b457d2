import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './config/app-config';
import { CompletionsModule } from './completions/completions.module';
import { ImagesModule } from './images/images.module';
import { ConfigModule } from './config/config.module';
import { ConsoleModule } from './console/console.module';
import { CredentialsModule } from './credentials/credentials.module';
import { DatabaseModule } from './database/database.module';
import { EmbeddingsModule } from './embeddings/embeddings.module';
import { HealthController } from './health/health.controller';
import type { ListenerManager } from './listeners/listener-manager';
import { LISTENER_MANAGER } from './listeners/listeners.constants';
import { ActivityModule } from './activity/activity.module';
import { AnthropicModule } from './anthropic/anthropic.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { EventsModule } from './events/events.module';
import { ExtensionModule } from './extension/extension.module';
import { MetricsModule } from './metrics/metrics.module';
import { OpenAiModule } from './openai/openai.module';
import { ProvidersModule } from './providers/providers.module';
import { ProxyControlModule } from './proxy-control/proxy-control.module';
import { ResponsesModule } from './responses/responses.module';
import { SettingsModule } from './settings/settings.module';
import { RecordingModule } from './recording/recording.module';
import { SecurityModule } from './security/security.module';
import { TokenizerModule } from './tokenizer/tokenizer.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, listeners: ListenerManager): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        SecurityModule,
        EventsModule,
        MetricsModule,
        TokenizerModule,
        SettingsModule,
        RecordingModule,
        CredentialsModule,
        ProvidersModule,
        OpenAiModule,
        AnthropicModule,
        ResponsesModule,
        CompletionsModule,
        EmbeddingsModule,
        ImagesModule,
        ProxyControlModule,
        ActivityModule,
        ExtensionModule,
        ApiKeysModule,
        // Last: it serves the console after every other route is mounted.
        ConsoleModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: LISTENER_MANAGER, useValue: listeners }],
      exports: [LISTENER_MANAGER],
    };
  }
}
