import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class PairRequestDto {
  @ApiProperty({ description: 'The one-time code from POST /api/extension/pairings.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  code: string;

  @ApiPropertyOptional({ description: 'The Chrome extension id; the Origin header wins when it names one.' })
  @IsOptional()
  @Matches(/^[a-p]{32}$/)
  extensionId?: string;

  @ApiPropertyOptional({ description: 'The User-Agent of the browser pairing.' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  userAgent?: string;
}
