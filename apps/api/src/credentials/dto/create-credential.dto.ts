import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min, MinLength } from 'class-validator';

export class CreateCredentialDto {
  @ApiPropertyOptional({ description: 'A name to tell accounts apart; defaults to the account id.', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  label?: string;

  @ApiPropertyOptional({ description: 'The JWT of the `token` cookie. Optional when `cookies` holds a token cookie.' })
  @IsOptional()
  @IsString()
  @MaxLength(8192)
  token?: string;

  @ApiProperty({ description: 'The whole `.qwen.ai` cookie jar as `name=value; …` (or a JSON cookie export).', minLength: 1 })
  @IsString()
  @MinLength(1)
  @MaxLength(65536)
  cookies: string;

  @ApiPropertyOptional({ description: 'The `bx-ua` anti-bot header captured from the browser.' })
  @IsOptional()
  @IsString()
  @MaxLength(16384)
  bxUa?: string;

  @ApiPropertyOptional({ description: 'The `bx-umidtoken` header captured from the browser.' })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  bxUmidtoken?: string;

  @ApiPropertyOptional({ description: 'The `bx-v` header value, e.g. 2.5.36.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  bxV?: string;

  @ApiPropertyOptional({ description: 'The User-Agent of the browser the cookies came from.' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  userAgent?: string;

  @ApiPropertyOptional({ description: 'Requests this account serves at once (default: the accountConcurrency setting).', minimum: 1, maximum: 64 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(64)
  maxConcurrency?: number;

  @ApiPropertyOptional({ description: 'An outbound HTTP proxy for this account only, e.g. http://user:pass@host:8080 (stored encrypted).' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  proxyUrl?: string;

  @ApiPropertyOptional({ enum: ['api', 'extension', 'desktop'], default: 'api' })
  @IsOptional()
  @IsIn(['api', 'extension', 'desktop'])
  source?: 'api' | 'extension' | 'desktop';
}
