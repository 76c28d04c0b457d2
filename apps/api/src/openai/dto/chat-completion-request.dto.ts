import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ChatMessageDto } from './chat-message.dto';

export class StreamOptionsDto {
  @ApiPropertyOptional({ description: 'Adds a last chunk with `choices: []` and the usage.' })
  @IsOptional()
  @IsBoolean()
  include_usage?: boolean;
}

/**
 * `POST /v1/chat/completions`, as OpenAI defines it. Fields the Qwen web chat cannot honour
 * (`temperature`, `top_p`, penalties, `seed`, `logit_bias`, `logprobs`, `max_tokens`…) are
 * validated and accepted, then ignored by the Qwen provider; routed OpenAI-compatible providers
 * receive them unchanged.
 */
export class ChatCompletionRequestDto {
  @ApiProperty({ example: 'qwen3-max' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  model: string;

  @ApiProperty({ type: [ChatMessageDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'messages must contain at least one message' })
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => ChatMessageDto)
  messages: ChatMessageDto[];

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() stream?: boolean;

  @ApiPropertyOptional({ type: StreamOptionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => StreamOptionsDto)
  stream_options?: StreamOptionsDto | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 2, description: 'Ignored by the Qwen web provider.' })
  @IsOptional() @IsNumber() @Min(0) @Max(2) temperature?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'Ignored by the Qwen web provider.' })
  @IsOptional() @IsNumber() @Min(0) @Max(1) top_p?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'Ignored by the Qwen web provider.' })
  @IsOptional() @IsInt() @Min(1) max_tokens?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'Ignored by the Qwen web provider.' })
  @IsOptional() @IsInt() @Min(1) max_completion_tokens?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1, description: 'Only 1 is supported by the Qwen web provider.' })
  @IsOptional() @IsInt() @Min(1) @Max(128) n?: number;

  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] })
  @IsOptional()
  @ValidateIf((_, value) => typeof value !== 'string')
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(4)
  stop?: string | string[];

  @ApiPropertyOptional({ minimum: -2, maximum: 2 }) @IsOptional() @IsNumber() @Min(-2) @Max(2) presence_penalty?: number;
  @ApiPropertyOptional({ minimum: -2, maximum: 2 }) @IsOptional() @IsNumber() @Min(-2) @Max(2) frequency_penalty?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() seed?: number;

  @ApiPropertyOptional({ description: 'Also used as the conversation key when no x-session-id header is sent.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  user?: string;

  @ApiPropertyOptional({ enum: ['none', 'minimal', 'low', 'medium', 'high'], description: 'Turns Qwen thinking off (none/minimal) or on.' })
  @IsOptional()
  @IsIn(['none', 'minimal', 'low', 'medium', 'high'])
  reasoning_effort?: 'none' | 'minimal' | 'low' | 'medium' | 'high';

  @ApiPropertyOptional({ description: 'Qwen-style switch for thinking.' })
  @IsOptional()
  @IsBoolean()
  enable_thinking?: boolean;

  @ApiPropertyOptional({ description: 'Qwen-style thinking budget in tokens.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  thinking_budget?: number;

  @ApiPropertyOptional({ description: 'Qwen-style switch for web search.' })
  @IsOptional()
  @IsBoolean()
  enable_search?: boolean;

  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: 'Tool calling on the Qwen web provider arrives with issue 5; passed through to OpenAI-compatible providers.' })
  @IsOptional()
  @IsArray()
  @IsObject({ each: true })
  tools?: Record<string, unknown>[];

  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'object' }] })
  @IsOptional()
  tool_choice?: string | Record<string, unknown>;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  response_format?: Record<string, unknown>;
}
