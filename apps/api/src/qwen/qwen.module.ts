import { Module } from '@nestjs/common';
import { QwenWebProvider, type TokenCounter } from '@qwen-proxy/providers';
import { QwenClient } from '@qwen-proxy/qwen';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { CredentialsModule } from '../credentials/credentials.module';
import { QwenAccountPool } from '../credentials/qwen-account-pool';
import { DatabaseSessionStore } from '../sessions/database-session-store';
import { SessionsModule } from '../sessions/sessions.module';
import { QWEN_TOKEN_COUNTER } from '../tokenizer/tokenizer.module';
import { ChatHygieneService } from './chat-hygiene.service';
import { CredentialDiagnosisController } from './credential-diagnosis.controller';
import { CredentialTestController } from './credential-test.controller';
import { QwenAttachments } from './qwen-attachments';
import { QWEN_WEB_PROVIDER } from './qwen.constants';
import { qwenClientOptionsOf } from './qwen-client-config';
import { QwenModelSource } from './qwen-model-source';

@Module({
  imports: [CredentialsModule, SessionsModule],
  controllers: [CredentialTestController, CredentialDiagnosisController],
  providers: [
    {
      provide: QwenClient,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new QwenClient(qwenClientOptionsOf(config)),
    },
    {
      provide: QWEN_WEB_PROVIDER,
      inject: [QwenClient, QwenAccountPool, DatabaseSessionStore, QwenAttachments, QWEN_TOKEN_COUNTER, APP_CONFIG],
      useFactory: (
        client: QwenClient,
        accounts: QwenAccountPool,
        sessions: DatabaseSessionStore,
        attachments: QwenAttachments,
        tokenCounter: TokenCounter,
        config: AppConfig,
      ) =>
        new QwenWebProvider({
          client,
          accounts,
          sessions,
          attachments: attachments.preparer,
          tokenCounter,
          maxInlineBodyBytes: config.qwen.maxInlineBodyBytes,
          toolSchemaLimits: { maxBytes: config.limits.toolSchemaMaxBytes, maxNodes: config.limits.toolSchemaMaxNodes, cacheSize: config.limits.toolSchemaCacheSize },
        }),
    },
    QwenAttachments,
    QwenModelSource,
    QwenAccountPool,
    ChatHygieneService,
  ],
  exports: [QWEN_WEB_PROVIDER, QwenModelSource, QwenClient, QwenAccountPool, ChatHygieneService, QwenAttachments],
})
export class QwenModule {}
