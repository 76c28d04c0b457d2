import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../security/admin-token.guard';
import { ExtensionTokenViewDto } from './dto/extension-token-view.dto';
import { PairingCodeDto } from './dto/pairing-code.dto';
import { ExtensionTokensService } from './extension-tokens.service';
import { PairingCodes } from './pairing-codes';

/** The admin's side of pairing: one-time codes for the console, and the paired extensions. */
@ApiTags('extension')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller('api/extension')
export class ExtensionPairingController {
  constructor(
    private readonly codes: PairingCodes,
    private readonly tokens: ExtensionTokensService,
  ) {}

  @Post('pairings')
  @ApiCreatedResponse({ type: PairingCodeDto, description: 'A one-time code (5 minutes) for POST /api/extension/pair.' })
  createPairing(): PairingCodeDto {
    return this.codes.issue();
  }

  @Get('tokens')
  @ApiOkResponse({ type: [ExtensionTokenViewDto] })
  listTokens(): Promise<ExtensionTokenViewDto[]> {
    return this.tokens.list();
  }

  @Delete('tokens/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked: the extension is refused from now on.' })
  revokeToken(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.tokens.revoke(id);
  }
}
