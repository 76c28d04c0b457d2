import { Injectable } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { type ChatEvent, type ChatOptions, type ChatRequest, NotFoundError } from '@qwen-proxy/contracts';
import {
  type ChatProvider,
  type EmbeddingAnswer,
  type EmbeddingOptions,
  type EmbeddingProvider,
  type EmbeddingRequest,
  type ProviderModel,
  ProviderRouter,
  type RouteCandidate,
} from '@qwen-proxy/providers';
import { ProvidersService } from '../providers/providers.service';
import { SettingsService } from '../settings/settings.service';

export interface RoutableModel {
  id: string;
  providerId: string;
  providerName: string;
  /** Set when `id` is an alias. */
  aliasOf?: string;
}

/**
 * The router on ROUTER_PORT as a ChatProvider: resolves a model (after aliases) to every enabled
 * provider that serves it, then lets ProviderRouter pick, fall back and cool down.
 */
@Injectable()
export class RouterService implements ChatProvider, EmbeddingProvider {
  readonly id = 'router';
  readonly type = 'router';
  readonly router: ProviderRouter;

  constructor(
    private readonly providers: ProvidersService,
    private readonly settings: SettingsService,
  ) {
    this.router = new ProviderRouter({
      resolve: (model) => this.resolve(model),
      strategy: () => this.settings.get().routingStrategy,
      health: this.providers.health,
    });
  }

  /** The display name of a provider id, or the id itself when none is known. */
  providerName(id: string): string {
    return this.providers.nameOf(id) ?? id;
  }

  chat(request: ChatRequest, options?: ChatOptions): Observable<ChatEvent> {
    return this.router.chat(request, options);
  }

  /** Embeddings over the same routes; providers that cannot embed (Qwen web) are skipped. */
  embed(request: EmbeddingRequest, options?: EmbeddingOptions): Promise<EmbeddingAnswer> {
    return this.router.embed(request, options);
  }

  async listModels(): Promise<ProviderModel[]> {
    return (await this.routableModels()).map((model) => ({ id: model.id, displayName: model.id }));
  }

  async resolve(model: string): Promise<RouteCandidate[]> {
    const target = this.settings.get().modelAliases[model] ?? model;
    const candidates: RouteCandidate[] = [];
    for (const entry of this.providers.enabled()) {
      if (await this.providers.serves(entry, target)) {
        candidates.push({ providerId: entry.row.id, provider: entry.provider, upstreamModel: target, priority: entry.row.priority, weight: entry.row.weight });
      }
    }
    if (candidates.length === 0) {
      throw new NotFoundError(
        `No enabled provider serves the model \`${model}\`${target !== model ? ` (alias of \`${target}\`)` : ''}. GET /v1/models on the router lists the routable models.`,
        { code: 'model_not_found', param: 'model' },
      );
    }
    return candidates;
  }

  /**
   * Every model a client can ask the router for, with who serves it; aliases included. One entry
   * per model (the first provider in the configured order), as OpenAI's `/v1/models` lists them;
   * `everyProvider` lists a model once per provider that serves it (the console's Models page).
   */
  async routableModels(options: { everyProvider?: boolean } = {}): Promise<RoutableModel[]> {
    const models: RoutableModel[] = [];
    const seen = new Set<string>();
    for (const entry of this.providers.enabled()) {
      for (const id of await this.providers.modelsOf(entry)) {
        const key = options.everyProvider ? `${entry.row.id}\u0000${id}` : id;
        if (seen.has(key)) continue;
        seen.add(key);
        models.push({ id, providerId: entry.row.id, providerName: entry.row.name });
      }
    }
    const served = new Set(models.map((model) => model.id));
    for (const [alias, target] of Object.entries(this.settings.get().modelAliases)) {
      if (served.has(alias)) continue;
      for (const model of models.filter((candidate) => candidate.id === target && !candidate.aliasOf)) {
        models.push({ id: alias, providerId: model.providerId, providerName: model.providerName, aliasOf: target });
        if (!options.everyProvider) break;
      }
    }
    return models;
  }
}
