import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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

@ApiTags('openai')
@ApiBearerAuth()
@UseGuards(ClientKeyGuard)
@Controller('v1/models')
export class ModelsController {
  constructor(private readonly catalogue: ModelCatalogueService) {}

  @Get()
  @ApiOkResponse({ type: OpenAiModelListDto })
  async list(): Promise<OpenAiModelListDto> {
    return { object: 'list', data: (await this.catalogue.list()).map(toOpenAiModel) };
  }

  @Get(':id')
  @ApiOkResponse({ type: OpenAiModelDto })
  async get(@Param('id') id: string): Promise<OpenAiModelDto> {
    return toOpenAiModel(await this.catalogue.get(id));
  }
}
