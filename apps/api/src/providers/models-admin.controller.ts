import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ModelCatalogueService } from '../models/model-catalogue.service';
import { RouterService } from '../router/router.service';
import { AdminTokenGuard } from '../security/admin-token.guard';
import { modelCatalogueSchema } from '../docs/response-schemas';

export interface ModelCatalogueEntry {
  id: string;
  provider: string;
  providerName: string;
  aliasOf?: string;
  displayName?: string;
  description?: string;
  capabilities?: Record<string, boolean>;
  contextLength?: number;
  maxOutputTokens?: number;
}

@ApiTags('models')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller('api/models')
export class ModelsAdminController {
  constructor(
    private readonly router: RouterService,
    private readonly qwenCatalogue: ModelCatalogueService,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Every routable model with its provider, aliases, and for Qwen models their capabilities and context length.', schema: modelCatalogueSchema })
  async list(): Promise<ModelCatalogueEntry[]> {
    const qwenModels = new Map((await this.qwenCatalogue.list().catch(() => [])).map((model) => [model.id, model]));
    // One row per provider serving a model: the page shows who can answer it, not only who answers first.
    return (await this.router.routableModels({ everyProvider: true })).map((model) => {
      const details = model.providerId === 'qwen-web' ? qwenModels.get(model.aliasOf ?? model.id) : undefined;
      return {
        id: model.id,
        provider: model.providerId,
        providerName: model.providerName,
        ...(model.aliasOf ? { aliasOf: model.aliasOf } : {}),
        ...(details
          ? {
              displayName: details.displayName,
              description: details.description,
              capabilities: details.capabilities,
              contextLength: details.maxContextLength,
              maxOutputTokens: details.maxOutputLength,
            }
          : {}),
      };
    });
  }
}
