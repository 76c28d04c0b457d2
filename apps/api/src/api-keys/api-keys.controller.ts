import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../security/admin-token.guard';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyViewDto, CreatedApiKeyDto } from './dto/api-key-view.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

@ApiTags('api-keys')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller('api/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyDto, description: 'The new key, with `key` shown this once; only its hash is stored.' })
  create(@Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.keys.create(body);
  }

  @Get()
  @ApiOkResponse({ type: [ApiKeyViewDto], description: 'Every key, newest first, with its token usage today and this month.' })
  list(): Promise<ApiKeyViewDto[]> {
    return this.keys.list();
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked (idempotent). The key stays listed as revoked.' })
  revoke(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.keys.revoke(id);
  }
}
