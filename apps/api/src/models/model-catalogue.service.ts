import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { BadGatewayError, NotFoundError, isGatewayError } from '@qwen-proxy/contracts';
import { ModelEntity } from '@qwen-proxy/persistence';
import { type ProviderModel, variantSuffixesOf } from '@qwen-proxy/providers';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { QwenModelSource } from '../qwen/qwen-model-source';

export interface CatalogueModel extends ProviderModel {
  provider: string;
  /**
   * When this model first appeared in a list we fetched (kept across refreshes): OpenAI's
   * `created`, which clients cache by and must not see change on every refresh.
   */
  fetchedAt: number;
  /** For a suffixed variant (`qwen3-max-thinking`): the model Qwen knows. */
  variantOf?: string;
}

/**
 * Qwen's model line-up, fetched live, cached for QWEN_MODELS_CACHE_MS and stored, so `/v1/models`
 * still answers (from the last list) while Qwen is unreachable. The list holds, after each model,
 * its suffixed variants (`-thinking`, `-fast`, `-search`) where Qwen's capability flags allow
 * them; only the models themselves are stored.
 */
@Injectable()
export class ModelCatalogueService {
  private readonly logger = new Logger(ModelCatalogueService.name);
  private cached?: { models: CatalogueModel[]; until: number };
  private refreshing?: Promise<CatalogueModel[]>;

  constructor(
    private readonly source: QwenModelSource,
    @InjectRepository(ModelEntity) private readonly repository: Repository<ModelEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<CatalogueModel[]> {
    if (this.cached && this.cached.until > Date.now()) return this.cached.models;
    // Concurrent callers share one upstream fetch.
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  async get(id: string): Promise<CatalogueModel> {
    const model = (await this.list()).find((candidate) => candidate.id === id);
    if (!model) throw modelNotFound(id);
    return model;
  }

  /**
   * Refuses a model Qwen does not list. When the list cannot be had at all, the request goes
   * ahead and Qwen itself is the judge.
   */
  async assertKnown(id: string): Promise<void> {
    let models: CatalogueModel[];
    try {
      models = await this.list();
    } catch {
      return;
    }
    if (models.length > 0 && !models.some((model) => model.id === id)) throw modelNotFound(id);
  }

  /**
   * `preferred` when the live list has it, else the account's default model: the first model of
   * the list (the web UI lists its default first; `qwen3.7-plus` in late 2026). When no list can
   * be had, `preferred` goes ahead and Qwen judges.
   */
  async availableOr(preferred: string | undefined): Promise<string> {
    let models: CatalogueModel[];
    try {
      models = await this.list();
    } catch (error) {
      if (preferred) return preferred;
      throw error;
    }
    if (preferred && models.some((model) => model.id === preferred)) return preferred;
    const first = models.find((model) => !model.variantOf);
    if (first) return first.id;
    if (preferred) return preferred;
    throw new BadGatewayError('Qwen lists no models for this account.', { code: 'qwen_empty_models', retryable: true });
  }

  private async refresh(): Promise<CatalogueModel[]> {
    try {
      const fetchedAt = Date.now();
      const listed = await this.source.listModels();
      const firstSeen = new Map((await this.repository.find({ where: { provider: 'qwen-web' } })).map((row) => [row.id, row.fetchedAt]));
      const models = listed.map((model) => ({ ...model, provider: 'qwen-web', fetchedAt: firstSeen.get(model.id) ?? fetchedAt }));
      if (models.length === 0) throw new BadGatewayError('Qwen returned an empty model list.', { code: 'qwen_empty_models', retryable: true });
      await this.store(models);
      const withSuffixes = withVariants(models);
      this.cached = { models: withSuffixes, until: fetchedAt + this.config.qwen.modelsCacheMs };
      return withSuffixes;
    } catch (error) {
      const stored = await this.repository.find({ where: { provider: 'qwen-web' }, order: { id: 'ASC' } });
      const reason = isGatewayError(error) ? error.message : String(error);
      if (stored.length === 0) {
        throw new BadGatewayError(`Could not fetch Qwen's model list and none is stored yet: ${reason}`, {
          code: 'models_unavailable',
          retryable: true,
          cause: error,
        });
      }
      this.logger.warn(`Serving the stored model list: ${reason}`);
      const models = withVariants(stored.map(fromEntity));
      // Retry upstream soon, not on every call.
      this.cached = { models, until: Date.now() + Math.min(30_000, this.config.qwen.modelsCacheMs) };
      return models;
    }
  }

  private async store(models: CatalogueModel[]): Promise<void> {
    await this.repository.manager.transaction(async (manager) => {
      await manager.delete(ModelEntity, { provider: 'qwen-web' });
      await manager.insert(
        ModelEntity,
        models.map((model) => ({
          id: model.id,
          provider: model.provider,
          displayName: model.displayName,
          description: model.description ?? null,
          capabilities: model.capabilities ?? null,
          maxContextLength: model.maxContextLength ?? null,
          maxOutputLength: model.maxOutputLength ?? null,
          fetchedAt: model.fetchedAt,
        })),
      );
    });
  }
}

const variantLabels: Record<string, string> = { '-thinking': 'thinking', '-fast': 'fast, no thinking', '-search': 'web search' };

function withVariants(models: readonly CatalogueModel[]): CatalogueModel[] {
  return models.flatMap((model) => [
    model,
    ...variantSuffixesOf(model.capabilities).map((suffix) => ({
      ...model,
      // `-fast` turns thinking off: its capabilities must not promise it (the console's chip).
      // A suffix names a way of answering in text: /v1/images/generations takes the model itself.
      capabilities: model.capabilities
        ? { ...model.capabilities, ...(suffix === '-fast' ? { thinking: false, thinkingBudget: false } : {}), ...('imageGeneration' in model.capabilities ? { imageGeneration: false } : {}) }
        : model.capabilities,
      id: `${model.id}${suffix}`,
      displayName: `${model.displayName} (${variantLabels[suffix] ?? suffix.slice(1)})`,
      variantOf: model.id,
    })),
  ]);
}

function fromEntity(entity: ModelEntity): CatalogueModel {
  return {
    id: entity.id,
    provider: entity.provider,
    displayName: entity.displayName,
    description: entity.description ?? undefined,
    capabilities: entity.capabilities ?? undefined,
    maxContextLength: entity.maxContextLength ?? undefined,
    maxOutputLength: entity.maxOutputLength ?? undefined,
    fetchedAt: entity.fetchedAt,
  };
}

function modelNotFound(id: string): NotFoundError {
  return new NotFoundError(`The model \`${id}\` does not exist on Qwen. GET /v1/models lists the ones you can use.`, {
    code: 'model_not_found',
    param: 'model',
  });
}
