import { Body, Controller, Delete, Get, HttpCode, Param, ParseBoolPipe, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../security/admin-token.guard';
import { ApiKeyAccessService } from './api-key-access.service';
import { ApiKeysService } from './api-keys.service';
import { ApiAccessModeDto, ApiKeyViewDto, CreatedApiKeyDto } from './dto/api-key-view.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

@ApiTags('api-keys')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller('api/api-keys')
export class ApiKeysController {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly access: ApiKeyAccessService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyDto, description: 'The new key, with `key` shown this once; only its hash is stored. The first key turns `requireApiKeys` on.' })
  async create(@Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const created = await this.keys.create(body);
    await this.access.keyCreated();
    return created;
  }

  @Get('access')
  @ApiOkResponse({ type: ApiAccessModeDto, description: 'Whether /v1/* is in open mode (any non-empty key) or needs API keys right now, and why.' })
  mode(): ApiAccessModeDto {
    return this.access.mode();
  }

  @Get()
  @ApiOkResponse({ type: [ApiKeyViewDto], description: 'Every key, newest first, with its token usage today and this month.' })
  list(): Promise<ApiKeyViewDto[]> {
    return this.keys.list();
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiQuery({ name: 'permanently', required: false, type: Boolean, description: 'true: delete a revoked or expired key for good (409 `api_key_active` for an active one).' })
  @ApiNoContentResponse({ description: 'Revoked (idempotent; the key stays listed as revoked), or with `permanently=true` deleted.' })
  revoke(@Param('id', ParseUUIDPipe) id: string, @Query('permanently', new ParseBoolPipe({ optional: true })) permanently?: boolean): Promise<void> {
    return permanently ? this.keys.remove(id) : this.keys.revoke(id);
  }
}
