import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RouterService } from '../router/router.service';
import { AdminTokenGuard } from '../security/admin-token.guard';
import { CreateProviderDto, ProviderViewDto, UpdateProviderDto } from './dto/provider.dto';
import { ProvidersService } from './providers.service';
import { providerTestSchema } from '../docs/response-schemas';

@ApiTags('providers')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller('api/providers')
export class ProvidersController {
  constructor(
    private readonly providers: ProvidersService,
    private readonly router: RouterService,
  ) {}

  @Get()
  @ApiOkResponse({ type: [ProviderViewDto] })
  list(): ProviderViewDto[] {
    return this.providers.list().map((view) => ({ ...view, inflight: this.router.router.inflightOf(view.id) }));
  }

  @Post()
  @ApiCreatedResponse({ type: ProviderViewDto })
  create(@Body() body: CreateProviderDto): Promise<ProviderViewDto> {
    return this.providers.create(body);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ProviderViewDto })
  update(@Param('id') id: string, @Body() body: UpdateProviderDto): Promise<ProviderViewDto> {
    return this.providers.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Param('id') id: string): Promise<void> {
    return this.providers.remove(id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ ok, latencyMs, models?, error? } from a real round trip.', schema: providerTestSchema })
  test(@Param('id') id: string): Promise<{ ok: boolean; latencyMs: number; models?: number; error?: string }> {
    return this.providers.testAndRecord(id);
  }
}
