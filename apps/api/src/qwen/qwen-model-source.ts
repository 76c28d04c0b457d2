import { Inject, Injectable } from '@nestjs/common';
import type { ProviderModel, QwenWebProvider } from '@qwen-proxy/providers';
import { CredentialsService } from '../credentials/credentials.service';
import { QWEN_WEB_PROVIDER } from './qwen.constants';

/** Lists Qwen's models with a connected account's credentials when there is one. */
@Injectable()
export class QwenModelSource {
  constructor(
    @Inject(QWEN_WEB_PROVIDER) private readonly provider: QwenWebProvider,
    private readonly credentials: CredentialsService,
  ) {}

  async listModels(): Promise<ProviderModel[]> {
    const usable = await this.credentials.usable().catch(() => []);
    const account = usable.find((candidate) => candidate.row.status === 'valid') ?? usable[0];
    return this.provider.listModels(undefined, account?.credentials);
  }
}
