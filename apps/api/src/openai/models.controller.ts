import { Controller, Get, Param, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { NotFoundError } from '@qwen-proxy/contracts';
import { type RoutableModel, RouterService } from '../router/router.service';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { isModelAllowed } from '../api-keys/model-allowlist';
import { type CatalogueModel, ModelCatalogueService } from '../models/model-catalogue.service';
import { ClientKeyGuard } from '../security/client-key.guard';
import { OpenAiModelDto, OpenAiModelListDto } from './dto/openai-model.dto';

function toOpenAiModel(model: CatalogueModel): OpenAiModelDto {
  return {
    id: model.id,
    object: 'model',
    created: Math.floor(model.fetchedAt / 1000),
    owned_by: 'qwen',
    name: model.displayName,
    provider: model.provider,
    description: model.description,
    capabilities: model.capabilities,
    context_length: model.maxContextLength,
    max_output_tokens: model.maxOutputLength,
  };
}

function toRoutedModel(model: RoutableModel): OpenAiModelDto {
  return {
    id: model.id,
    object: 'model',
    created: 0,
    owned_by: model.providerName,
    provider: model.providerId,
    ...(model.aliasOf ? { alias_of: model.aliasOf } : {}),
  };
}

@ApiTags('openai')
@ApiBearerAuth()
@UseGuards(ClientKeyGuard)
@Controller('v1/models')
export class ModelsController {
  constructor(
    private readonly catalogue: ModelCatalogueService,
    private readonly router: RouterService,
  ) {}

  @Get()
  @ApiOkResponse({ type: OpenAiModelListDto, description: 'On the proxy port: Qwen models. On the router port: every routable model with its provider. Only the models the API key may use.' })
  async list(@Req() request: Request): Promise<OpenAiModelListDto> {
    // A key limited to some models sees only those: a client picking from the list must not be
    // offered a model it will be refused.
    const allowed = (model: { id: string }) => isModelAllowed(request.apiKey?.allowedModels ?? null, model.id);
    if (request.listener === 'router') return { object: 'list', data: (await this.router.routableModels()).filter(allowed).map(toRoutedModel) };
    return { object: 'list', data: (await this.catalogue.list()).filter(allowed).map(toOpenAiModel) };
  }

  @Get(':id')
  @ApiOkResponse({ type: OpenAiModelDto })
  async get(@Param('id') id: string, @Req() request: Request): Promise<OpenAiModelDto> {
    if (request.listener === 'router') {
      const model = (await this.router.routableModels()).find((candidate) => candidate.id === id);
      if (!model) throw new NotFoundError(`No enabled provider serves the model \`${id}\`.`, { code: 'model_not_found', param: 'model' });
      return toRoutedModel(model);
    }
    return toOpenAiModel(await this.catalogue.get(id));
  }
}
