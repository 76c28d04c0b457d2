import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class ProviderTimeoutsDto {
  @ApiPropertyOptional({ default: 10_000 }) @IsOptional() @IsInt() @Min(100) @Max(600_000) connectMs?: number;
  @ApiPropertyOptional({ default: 60_000, description: 'Until the first byte of the answer.' }) @IsOptional() @IsInt() @Min(100) @Max(3_600_000) firstByteMs?: number;
  @ApiPropertyOptional({ default: 600_000 }) @IsOptional() @IsInt() @Min(100) @Max(86_400_000) totalMs?: number;
}

export class CreateProviderDto {
  @ApiProperty({ example: 'LM Studio' }) @IsString() @MinLength(1) @MaxLength(100) name: string;

  @ApiProperty({ enum: ['openai-compatible'], description: 'The Qwen web provider is built in; add OpenAI-compatible upstreams here.' })
  @IsIn(['openai-compatible'])
  type: 'openai-compatible';

  @ApiProperty({ example: 'http://127.0.0.1:1234/v1', description: 'Up to and including the API version.' })
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  baseUrl: string;

  @ApiPropertyOptional({ description: 'Stored encrypted, never returned.' }) @IsOptional() @IsString() @MaxLength(4096) apiKey?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsObject()
  headers?: Record<string, string>;

  @ApiPropertyOptional({ type: ProviderTimeoutsDto }) @IsOptional() @ValidateNested() @Type(() => ProviderTimeoutsDto) timeouts?: ProviderTimeoutsDto;

  @ApiPropertyOptional({ type: [String], description: 'Models declared by hand; otherwise fetched from the upstream /models.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  models?: string[];

  @ApiPropertyOptional({ type: [String], example: ['llama*', 'gpt-4o*'], description: 'Model names this provider also serves (`*` matches anything).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  modelPatterns?: string[];

  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ default: 10, description: 'Lower is tried first.' }) @IsOptional() @IsInt() @Min(0) @Max(1000) priority?: number;
  @ApiPropertyOptional({ default: 1, description: 'Share of traffic under the weighted strategy.' }) @IsOptional() @IsInt() @Min(1) @Max(1000) weight?: number;
}

/** Every field optional; `apiKey: ""` removes the key. */
export class UpdateProviderDto extends PartialType(CreateProviderDto) {}

export class ProviderViewDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['qwen-web', 'openai-compatible'] }) type: string;
  @ApiPropertyOptional({ type: String, nullable: true }) baseUrl: string | null;
  @ApiProperty() hasApiKey: boolean;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Header names with masked values.' }) headers: Record<string, string>;
  @ApiProperty({ type: ProviderTimeoutsDto }) timeouts: Required<ProviderTimeoutsDto>;
  @ApiProperty({ type: [String] }) models: string[];
  @ApiProperty({ type: [String] }) modelPatterns: string[];
  @ApiProperty() enabled: boolean;
  @ApiProperty() priority: number;
  @ApiProperty() weight: number;
  @ApiProperty({
    description: 'healthy, cooling-down or probing',
    type: 'object',
    properties: {
      state: { type: 'string', enum: ['healthy', 'cooling-down', 'probing'] },
      consecutiveFailures: { type: 'integer' },
      cooldownUntil: { type: 'integer', nullable: true },
      lastError: { type: 'string', nullable: true },
    },
  })
  health: { state: string; consecutiveFailures: number; cooldownUntil: number | null; lastError: string | null };
  @ApiProperty() inflight: number;
  @ApiProperty() builtIn: boolean;
  @ApiProperty() createdAt: number;
  @ApiProperty() updatedAt: number;
}
