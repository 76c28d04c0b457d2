import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../security/admin-token.guard';
import { CredentialsService } from './credentials.service';
import { CreateCredentialDto } from './dto/create-credential.dto';
import { CredentialViewDto } from './dto/credential-view.dto';

@ApiTags('credentials')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller('api/credentials')
export class CredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Post()
  @ApiCreatedResponse({ type: CredentialViewDto, description: 'Stored (or updated, when the same Qwen user reconnects); secrets masked.' })
  create(@Body() body: CreateCredentialDto): Promise<CredentialViewDto> {
    return this.credentials.save(body);
  }

  @Get()
  @ApiOkResponse({ type: [CredentialViewDto] })
  list(): Promise<CredentialViewDto[]> {
    return this.credentials.list();
  }

  @Get(':id')
  @ApiOkResponse({ type: CredentialViewDto })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<CredentialViewDto> {
    return this.credentials.get(id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.credentials.remove(id);
  }
}
