import { Body, Controller, Get, Patch, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../security/admin-token.guard';
import type { RuntimeSettings } from './runtime-settings';
import { SettingsService } from './settings.service';

const settingsSchemaDescription = {
  type: 'object',
  properties: {
    routingStrategy: { type: 'string', enum: ['priority', 'round-robin', 'weighted', 'least-busy'] },
    providerFailureThreshold: { type: 'integer', minimum: 1 },
    providerCooldownSeconds: { type: 'integer', minimum: 1 },
    providerMaxCooldownSeconds: { type: 'integer', minimum: 1 },
    accountConcurrency: { type: 'integer', minimum: 1 },
    deleteExpiredChats: { type: 'boolean' },
    logBodies: { type: 'boolean' },
    requireApiKeys: { type: 'boolean', description: 'Unset: required once a key exists. false: any non-empty key on loopback (open mode).' },
    retentionDays: { type: 'integer', minimum: 1 },
    bodyRetentionDays: { type: 'integer', minimum: 1 },
    modelAliases: { type: 'object', additionalProperties: { type: 'string' }, example: { 'gpt-4o': 'qwen3-max' } },
  },
};

/** The answer always holds every setting with a default, and `logBodies` (the stored choice, else LOG_BODIES); only `requireApiKeys` may be unset. */
const settingsAnswerSchema = {
  ...settingsSchemaDescription,
  required: ['routingStrategy', 'providerFailureThreshold', 'providerCooldownSeconds', 'providerMaxCooldownSeconds', 'accountConcurrency', 'deleteExpiredChats', 'retentionDays', 'bodyRetentionDays', 'modelAliases', 'logBodies'],
};

@ApiTags('settings')
@ApiBearerAuth()
@UseGuards(AdminTokenGuard)
@Controller('api/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOkResponse({ schema: settingsAnswerSchema })
  get(): RuntimeSettings {
    return this.settings.get();
  }

  @Patch()
  @ApiBody({ schema: settingsSchemaDescription, description: 'Any subset of the settings.' })
  @ApiOkResponse({ schema: settingsAnswerSchema })
  update(@Body() body: Record<string, unknown>): Promise<RuntimeSettings> {
    return this.settings.update(body);
  }
}
