import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ApiKeyUsageDto {
  @ApiProperty({ description: 'Tokens used since UTC midnight.' })
  tokensToday: number;

  @ApiProperty({ description: 'Tokens used since the first of the month (UTC).' })
  tokensThisMonth: number;
}

/** A key as the console lists it: never the key itself, only its first characters. */
export class ApiKeyViewDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ description: 'The first characters of the key, to recognise it.', example: 'sk-qp-AbC1dE' })
  keyPrefix: string;

  @ApiProperty({ enum: ['active', 'revoked', 'expired'] })
  status: 'active' | 'revoked' | 'expired';

  @ApiProperty({ type: Number, nullable: true })
  requestsPerMinute: number | null;

  @ApiProperty({ type: Number, nullable: true })
  tokensPerDay: number | null;

  @ApiProperty({ type: Number, nullable: true })
  tokensPerMonth: number | null;

  @ApiProperty({ type: [String], nullable: true })
  allowedModels: string[] | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Epoch milliseconds.' })
  expiresAt: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Epoch milliseconds.' })
  revokedAt: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Epoch milliseconds, updated at most once a minute.' })
  lastUsedAt: number | null;

  @ApiProperty({ description: 'Epoch milliseconds.' })
  createdAt: number;

  @ApiPropertyOptional({ type: ApiKeyUsageDto })
  usage?: ApiKeyUsageDto;
}

/** The answer to creating a key: the only time the key itself is shown. */
export class CreatedApiKeyDto extends ApiKeyViewDto {
  @ApiProperty({ description: 'The key. Shown once: only its hash is stored.', example: 'sk-qp-…' })
  key: string;
}

/** Open mode or keys required, and why (`GET /api/api-keys/access`). */
export class ApiAccessModeDto {
  @ApiProperty({ description: 'false: open mode, any non-empty key is accepted on /v1/*; true: a valid API key (or the admin token).' })
  keysRequired: boolean;

  @ApiProperty({ enum: ['no-keys', 'keys-exist', 'required-by-setting', 'open-by-setting', 'beyond-loopback'] })
  reason: 'no-keys' | 'keys-exist' | 'required-by-setting' | 'open-by-setting' | 'beyond-loopback';

  @ApiProperty({ example: 'Open mode: no API key was created, so any non-empty key is accepted on this machine.' })
  message: string;

  @ApiProperty({ description: 'Keys neither revoked nor expired.' })
  activeKeys: number;
}
