import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsNumber, IsObject, IsOptional, IsString, Max, Min } from 'class-validator';
import { CountTokensRequestDto } from './count-tokens-request.dto';

/**
 * `POST /v1/messages`, as Anthropic defines it. Fields the Qwen web chat cannot honour
 * (`temperature`, `top_p`, `top_k`, `stop_sequences`, `max_tokens`) are validated and accepted;
 * routed OpenAI-compatible providers receive what has an OpenAI equivalent. Unknown fields
 * (`metadata`, `context_management`, `service_tier`…) are accepted and ignored.
 */
export class MessagesRequestDto extends CountTokensRequestDto {
  @ApiProperty({ minimum: 1, example: 1024 })
  @IsInt()
  @Min(1)
  max_tokens: number;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() stream?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(16)
  stop_sequences?: string[];

  @ApiPropertyOptional({ minimum: 0, maximum: 1 }) @IsOptional() @IsNumber() @Min(0) @Max(1) temperature?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 1 }) @IsOptional() @IsNumber() @Min(0) @Max(1) top_p?: number;
  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @IsInt() @Min(0) top_k?: number;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;
}
