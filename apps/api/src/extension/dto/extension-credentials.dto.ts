import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** What the extension captured; a subset of CreateCredentialDto with no admin-only fields. */
export class ExtensionCredentialsDto {
  @ApiProperty({ description: 'Every `.qwen.ai` cookie as `name=value; …`.', minLength: 1 })
  @IsString()
  @MinLength(1)
  @MaxLength(65536)
  cookies: string;

  @ApiPropertyOptional({ description: 'The token, when it came from localStorage rather than the cookie.' })
  @IsOptional()
  @IsString()
  @MaxLength(8192)
  token?: string;

  @ApiPropertyOptional({ description: 'The User-Agent of the browser the cookies came from.' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  userAgent?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(16384)
  bxUa?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  bxUmidtoken?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  bxV?: string;
}
