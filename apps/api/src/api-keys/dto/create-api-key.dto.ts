import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class CreateApiKeyDto {
  @ApiProperty({ description: 'What the key is for, e.g. the tool or person using it.', minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ description: 'Requests allowed in any 60 seconds (sliding window). Omitted: no limit.', minimum: 1, maximum: 1_000_000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  requestsPerMinute?: number;

  @ApiPropertyOptional({ description: 'Tokens (prompt + completion) allowed per UTC day. Omitted: no limit.', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  tokensPerDay?: number;

  @ApiPropertyOptional({ description: 'Tokens allowed per UTC calendar month. Omitted: no limit.', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  tokensPerMonth?: number;

  @ApiPropertyOptional({ description: 'Models this key may use: exact ids or patterns with `*` (e.g. `qwen3-*`). Omitted: every model.', type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  allowedModels?: string[];

  @ApiPropertyOptional({ description: 'When the key stops working, in epoch milliseconds. Omitted: never.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  expiresAt?: number;
}
