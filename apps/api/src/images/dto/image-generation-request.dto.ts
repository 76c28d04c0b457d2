import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { ACCEPTED_IMAGE_SIZES } from '../image-size.mapping';

/**
 * `POST /v1/images/generations`, OpenAI's image generation, drawn by Qwen's t2i chat. `n` above 1
 * and sizes Qwen cannot draw are refused by the service with a 400 that says why.
 */
export class ImageGenerationRequestDto {
  @ApiProperty({ example: 'A watercolour of a red panda reading a book' })
  @IsString()
  @MinLength(1)
  @MaxLength(32_000)
  prompt: string;

  @ApiPropertyOptional({ description: 'A Qwen model that lists `t2i` (`capabilities.imageGeneration` in /v1/models). Default: the first such model.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  model?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1, default: 1 }) @IsOptional() @IsInt() @Min(1) n?: number;

  @ApiPropertyOptional({ enum: ACCEPTED_IMAGE_SIZES, default: 'auto' }) @IsOptional() @IsString() @MaxLength(20) size?: string;

  @ApiPropertyOptional({ enum: ['url', 'b64_json'], default: 'url' })
  @IsOptional()
  @IsIn(['url', 'b64_json'])
  response_format?: 'url' | 'b64_json';

  /** Accepted for compatibility; Qwen draws one way. */
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) quality?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) style?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) user?: string;
}
