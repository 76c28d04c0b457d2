import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

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

  @ApiPropertyOptional({ enum: ['api', 'extension', 'desktop'], default: 'api' })
  @IsOptional()
  @IsIn(['api', 'extension', 'desktop'])
  source?: 'api' | 'extension' | 'desktop';
}
