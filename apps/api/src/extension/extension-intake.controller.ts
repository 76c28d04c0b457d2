import { Body, Controller, Get, Headers, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CredentialViewDto } from '../credentials/dto/credential-view.dto';
import { ExtensionCredentialsDto } from './dto/extension-credentials.dto';
import { ExtensionStatusDto } from './dto/extension-status.dto';
import { PairRequestDto } from './dto/pair-request.dto';
import { PairResponseDto } from './dto/pair-response.dto';
import { ExtensionIntakeService } from './extension-intake.service';
import { type ExtensionRequest, ExtensionTokenGuard } from './extension-token.guard';

/** What the browser extension calls: pairing with a one-time code, then credentials and status with its scoped token. */
@ApiTags('extension')
@Controller('api/extension')
export class ExtensionIntakeController {
  constructor(private readonly intake: ExtensionIntakeService) {}

  @Post('pair')
  @HttpCode(200)
  @ApiOkResponse({ type: PairResponseDto })
  @ApiUnauthorizedResponse({ description: 'Unknown, expired or already used code.' })
  pair(@Body() body: PairRequestDto, @Headers('origin') origin: string | undefined): Promise<PairResponseDto> {
    return this.intake.pair(body, origin);
  }

  @Post('credentials')
  @ApiBearerAuth()
  @UseGuards(ExtensionTokenGuard)
  @ApiCreatedResponse({ type: CredentialViewDto, description: 'Stored (or updated for the same Qwen user) with source "extension"; secrets masked.' })
  credentials(@Req() request: ExtensionRequest, @Body() body: ExtensionCredentialsDto): Promise<CredentialViewDto> {
    return this.intake.receiveCredentials(request.extensionToken, body);
  }

  @Get('status')
  @ApiBearerAuth()
  @UseGuards(ExtensionTokenGuard)
  @ApiOkResponse({ type: ExtensionStatusDto })
  status(@Req() request: ExtensionRequest): Promise<ExtensionStatusDto> {
    return this.intake.status(request.extensionToken);
  }
}
