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
