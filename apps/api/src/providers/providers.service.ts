import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { BadGatewayError, BadRequestError, NotFoundError } from '@qwen-proxy/contracts';
import { ProviderEntity, SecretCipher } from '@qwen-proxy/persistence';
import { type ChatProvider, OpenAiCompatibleProvider, ProviderHealth, type ProviderModel, qwenWebProviderId } from '@qwen-proxy/providers';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { StatusEvents } from '../events/status-events';
import { ModelCatalogueService } from '../models/model-catalogue.service';
import { QWEN_WEB_PROVIDER } from '../qwen/qwen.constants';
import { SettingsService } from '../settings/settings.service';
import type { CreateProviderDto, ProviderViewDto, UpdateProviderDto } from './dto/provider.dto';
import { defaultTimeouts, patternMatches, type ProviderRowSettings } from './provider-settings';
import { checkBaseUrl, checkHeaders, displayedBaseUrl } from './provider-input-check';

/** A provider ready to route to: its row, its instance, and the models it serves. */
export interface LiveProvider {
  row: ProviderEntity;
  provider: ChatProvider;
  settings: ProviderRowSettings;
}

const modelListTtlMs = 60_000;

/**
 * The providers the router may use: the built-in Qwen web provider and any OpenAI-compatible
 * upstreams, persisted, each with its health (circuit breaker) and a cached model list.
 */
@Injectable()
export class ProvidersService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ProvidersService.name);
  private live = new Map<string, LiveProvider>();
  private readonly modelLists = new Map<string, { models: string[]; until: number }>();
  readonly health: ProviderHealth;

  constructor(
    @InjectRepository(ProviderEntity) private readonly repository: Repository<ProviderEntity>,
    private readonly cipher: SecretCipher,
    @Inject(QWEN_WEB_PROVIDER) private readonly qwenProvider: ChatProvider,
    private readonly qwenModels: ModelCatalogueService,
    private readonly settings: SettingsService,
    private readonly events: StatusEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.health = new ProviderHealth(
      () => {
        const current = this.settings.get();
        return {
          failureThreshold: current.providerFailureThreshold,
          cooldownMs: current.providerCooldownSeconds * 1000,
          maxCooldownMs: current.providerMaxCooldownSeconds * 1000,
        };
      },
      (providerId) => this.probe(providerId),
      Date.now,
      (providerId, view) =>
        this.events.publish({ type: 'provider-health-changed', providerId, state: view.state, cooldownUntil: view.cooldownUntil }),
    );
  }

  async onModuleInit(): Promise<void> {
    if (!(await this.repository.existsBy({ id: qwenWebProviderId }))) {
      const now = Date.now();
      await this.repository.insert({
        id: qwenWebProviderId,
        name: 'Qwen (web accounts)',
        type: 'qwen-web',
        baseUrl: null,
        apiKeyEncrypted: null,
        enabled: true,
        priority: 0,
        weight: 1,
        settings: {},
        createdAt: now,
        updatedAt: now,
      });
    }
    await this.reload();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.live.values()].map((entry) => closeProvider(entry.provider)));
  }

  /** Enabled providers, lowest priority number first. */
  enabled(): LiveProvider[] {
    return [...this.live.values()].filter((entry) => entry.row.enabled).sort((left, right) => left.row.priority - right.row.priority);
  }

  /** A provider's display name; undefined for an id no provider has (any more). */
  nameOf(id: string): string | undefined {
    return this.live.get(id)?.row.name;
  }

  /** The ids of providers whose name or id contains `text` (any case), for filters people type. */
  idsMatching(text: string): string[] {
    const wanted = text.trim().toLowerCase();
    return [...this.live.values()].filter((entry) => entry.row.name.toLowerCase().includes(wanted) || entry.row.id.toLowerCase() === wanted).map((entry) => entry.row.id);
  }

  get(id: string): LiveProvider {
    const entry = this.live.get(id);
    if (!entry) throw new NotFoundError(`No provider with id ${id}.`, { code: 'provider_not_found', param: 'id' });
    return entry;
  }

  /** The model ids a provider lists (cached), or [] when its list cannot be had. */
  async modelsOf(entry: LiveProvider): Promise<string[]> {
    const cached = this.modelLists.get(entry.row.id);
    if (cached && cached.until > Date.now()) return cached.models;
    let models: string[];
    try {
      models =
        entry.row.type === 'qwen-web'
          ? (await this.qwenModels.list()).map((model) => model.id)
          : entry.settings.models?.length
            ? entry.settings.models
            : (await entry.provider.listModels(AbortSignal.timeout(10_000))).map((model: ProviderModel) => model.id);
    } catch (error) {
      this.logger.warn(`Could not list the models of ${entry.row.name}: ${error instanceof Error ? error.message : String(error)}`);
      models = entry.settings.models ?? [];
    }
    this.modelLists.set(entry.row.id, { models, until: Date.now() + modelListTtlMs });
    return models;
  }

  /** Does this provider serve this model, by its list or by one of its patterns? */
  async serves(entry: LiveProvider, model: string): Promise<boolean> {
    if (entry.settings.modelPatterns?.some((pattern) => patternMatches(pattern, model))) return true;
    return (await this.modelsOf(entry)).includes(model);
  }

  list(): ProviderViewDto[] {
    return [...this.live.values()].sort((left, right) => left.row.priority - right.row.priority).map((entry) => this.view(entry));
  }

  async create(input: CreateProviderDto): Promise<ProviderViewDto> {
    checkBaseUrl(input.baseUrl);
    checkHeaders(input.headers);
    const now = Date.now();
    const id = randomUUID();
    await this.repository.insert({
      id,
      name: input.name.trim(),
      type: input.type,
      baseUrl: input.baseUrl.replace(/\/+$/, ''),
      apiKeyEncrypted: input.apiKey ? this.cipher.encrypt(input.apiKey) : null,
      enabled: input.enabled ?? true,
      priority: input.priority ?? 10,
      weight: input.weight ?? 1,
      settings: settingsOf(input),
      createdAt: now,
      updatedAt: now,
    });
    await this.reload();
    return this.view(this.get(id));
  }

  async update(id: string, input: UpdateProviderDto): Promise<ProviderViewDto> {
    const entry = this.get(id);
    const builtIn = entry.row.type === 'qwen-web';
    if (builtIn && (input.baseUrl !== undefined || input.apiKey !== undefined || input.type !== undefined || input.models !== undefined)) {
      throw new BadRequestError('The built-in Qwen web provider only takes name, enabled, priority, weight and modelPatterns.', { code: 'built_in_provider' });
    }
    if (input.baseUrl !== undefined) checkBaseUrl(input.baseUrl);
    checkHeaders(input.headers);
    const changes: Partial<ProviderEntity> = { updatedAt: Date.now() };
    if (input.name !== undefined) changes.name = input.name.trim();
    if (input.baseUrl !== undefined) changes.baseUrl = input.baseUrl.replace(/\/+$/, '');
    if (input.apiKey !== undefined) changes.apiKeyEncrypted = input.apiKey ? this.cipher.encrypt(input.apiKey) : null;
    if (input.enabled !== undefined) changes.enabled = input.enabled;
    if (input.priority !== undefined) changes.priority = input.priority;
    if (input.weight !== undefined) changes.weight = input.weight;
    changes.settings = { ...entry.settings, ...settingsOf(input, entry.settings) };
    await this.repository.update({ id }, changes);
    this.modelLists.delete(id);
    this.health.forget(id);
    await this.reload();
    return this.view(this.get(id));
  }

  async remove(id: string): Promise<void> {
    const entry = this.get(id);
    if (entry.row.type === 'qwen-web') {
      throw new BadRequestError('The built-in Qwen web provider cannot be removed; disable it instead.', { code: 'built_in_provider' });
    }
    await this.repository.delete({ id });
    this.modelLists.delete(id);
    this.health.forget(id);
    await this.reload();
  }

  /** A real round trip to the provider. */
  async test(id: string): Promise<{ ok: boolean; latencyMs: number; models?: number; error?: string }> {
    const entry = this.get(id);
    const started = performance.now();
    try {
      if (entry.provider instanceof OpenAiCompatibleProvider) return await entry.provider.testConnection(AbortSignal.timeout(15_000));
      this.modelLists.delete(id);
      const models = await this.modelsOf(entry);
      if (models.length === 0) throw new Error('no models listed');
      return { ok: true, latencyMs: Math.round(performance.now() - started), models: models.length };
    } catch (error) {
      return { ok: false, latencyMs: Math.round(performance.now() - started), error: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Test asked for by a person: the outcome counts like a request's for the provider's health,
   * so a failed test is not shown beside "Healthy" (and a passing one clears earlier failures).
   */
  async testAndRecord(id: string): Promise<{ ok: boolean; latencyMs: number; models?: number; error?: string }> {
    const result = await this.test(id);
    if (result.ok) this.health.recordSuccess(id);
    else this.health.recordFailure(id, new BadGatewayError(`The provider test failed: ${result.error ?? 'no answer'}`, { code: 'provider_test_failed', retryable: true }));
    return result;
  }

  private async probe(providerId: string): Promise<void> {
    const result = await this.test(providerId);
    if (!result.ok) throw new Error(result.error ?? 'probe failed');
  }

  private async reload(): Promise<void> {
    const rows = await this.repository.createQueryBuilder('provider').addSelect('provider.apiKeyEncrypted').getMany();
    const previous = this.live;
    const next = new Map<string, LiveProvider>();
    for (const row of rows) {
      const settings = (row.settings ?? {}) as ProviderRowSettings;
      const old = previous.get(row.id);
      const unchanged = old && old.row.updatedAt === row.updatedAt;
      next.set(row.id, { row, settings, provider: unchanged ? old.provider : this.instantiate(row, settings) });
    }
    this.live = next;
    for (const [id, entry] of previous) {
      if (next.get(id)?.provider !== entry.provider) void closeProvider(entry.provider);
    }
    this.events.publish({ type: 'providers-changed' });
  }

  private instantiate(row: ProviderEntity, settings: ProviderRowSettings): ChatProvider {
    if (row.type === 'qwen-web') return this.qwenProvider;
    return new OpenAiCompatibleProvider({
      id: row.id,
      name: row.name,
      baseUrl: row.baseUrl ?? '',
      apiKey: row.apiKeyEncrypted ? this.cipher.decrypt(row.apiKeyEncrypted) : undefined,
      headers: settings.headers,
      timeouts: { ...defaultTimeouts, ...settings.timeouts },
      declaredModels: settings.models?.length ? settings.models : undefined,
      sseMaxLineBytes: this.config.limits.sseMaxLineBytes,
    });
  }

  private view(entry: LiveProvider): ProviderViewDto {
    const { row, settings } = entry;
    return {
      id: row.id,
      name: row.name,
      type: row.type,
      baseUrl: displayedBaseUrl(row.baseUrl),
      hasApiKey: Boolean(row.apiKeyEncrypted),
      headers: Object.fromEntries(Object.keys(settings.headers ?? {}).map((name) => [name, '••••'])),
      timeouts: { ...defaultTimeouts, ...settings.timeouts },
      models: settings.models ?? [],
      modelPatterns: settings.modelPatterns ?? [],
      enabled: row.enabled,
      priority: row.priority,
      weight: row.weight,
      health: this.health.view(row.id),
      inflight: 0,
      builtIn: row.type === 'qwen-web',
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}

function settingsOf(input: Partial<CreateProviderDto>, current: ProviderRowSettings = {}): ProviderRowSettings {
  return {
    headers: input.headers ?? current.headers,
    timeouts: input.timeouts ? { ...current.timeouts, ...input.timeouts } : current.timeouts,
    models: input.models ?? current.models,
    modelPatterns: input.modelPatterns ?? current.modelPatterns,
  };
}

async function closeProvider(provider: ChatProvider): Promise<void> {
  if (provider instanceof OpenAiCompatibleProvider) await provider.close().catch(() => undefined);
}
