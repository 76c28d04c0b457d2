import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { StreamOptionsDto } from '../../openai/dto/chat-completion-request.dto';

/**
 * `POST /v1/completions`, OpenAI's legacy text completion. One prompt (a string, or a list of
 * one string): the web chat gives one answer per request. Sampling fields are accepted and
 * ignored by the Qwen web provider.
 */
export class CompletionRequestDto {
  @ApiProperty({ example: 'qwen3-max' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  model: string;

  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, maxItems: 1 }] })
  @ValidateIf((_, value) => typeof value !== 'string')
  @IsArray({ message: 'prompt must be a string or an array of one string' })
  @ArrayMinSize(1, { message: 'prompt must be a string or an array of one string' })
  @ArrayMaxSize(1, { message: 'prompt must hold one string: the web chat answers one prompt per request' })
  @IsString({ each: true, message: 'prompt must be a string or an array of one string (token arrays are not supported)' })
  prompt: string | string[];

  @ApiPropertyOptional({ minimum: 1 }) @IsOptional() @IsInt() @Min(1) max_tokens?: number;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() stream?: boolean;

  @ApiPropertyOptional({ type: StreamOptionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => StreamOptionsDto)
  stream_options?: StreamOptionsDto | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 2 }) @IsOptional() @IsNumber() @Min(0) @Max(2) temperature?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1 }) @IsOptional() @IsNumber() @Min(0) @Max(1) top_p?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 1 }) @IsOptional() @IsInt() @Min(1) @Max(1) n?: number;

  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] })
  @IsOptional()
  @ValidateIf((_, value) => typeof value !== 'string')
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(4)
  stop?: string | string[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) user?: string;
}
