import { ApiKeyEntity } from './api-key.entity';
import { ExtensionTokenEntity } from './extension-token.entity';
import { ModelEntity } from './model.entity';
import { ProviderEntity } from './provider.entity';
import { QwenCredentialEntity } from './qwen-credential.entity';
import { RequestEntity } from './request.entity';
import { ResponseEntity } from './response.entity';
import { SessionTurnEntity } from './session-turn.entity';
import { SessionEntity } from './session.entity';
import { SettingEntity } from './setting.entity';
import { StoredResponseEntity } from './stored-response.entity';

export {
  ApiKeyEntity,
  ExtensionTokenEntity,
  ModelEntity,
  ProviderEntity,
  QwenCredentialEntity,
  RequestEntity,
  ResponseEntity,
  SessionEntity,
  SessionTurnEntity,
  SettingEntity,
  StoredResponseEntity,
};
export type { CredentialStatus } from './qwen-credential.entity';

export const allEntities = [
  QwenCredentialEntity,
  SessionEntity,
  SessionTurnEntity,
  RequestEntity,
  ResponseEntity,
  ModelEntity,
  ProviderEntity,
  SettingEntity,
  StoredResponseEntity,
  ApiKeyEntity,
  ExtensionTokenEntity,
];
