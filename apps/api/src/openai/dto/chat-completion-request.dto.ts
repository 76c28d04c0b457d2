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
import { IsThinkingSwitch, IsToolChoice } from './request-field.validators';

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

  @ApiPropertyOptional({
    oneOf: [{ type: 'boolean' }, { type: 'object', properties: { type: { enum: ['enabled', 'disabled'] }, budget_tokens: { type: 'integer' } } }],
    description: 'Thinking switch: a boolean, or `{type: "enabled"|"disabled", budget_tokens}` (Anthropic style).',
  })
  @IsOptional()
  @IsThinkingSwitch()
  thinking?: boolean | { type?: string; budget_tokens?: number };

  @ApiPropertyOptional({ description: 'Qwen-style switch for web search.' })
  @IsOptional()
  @IsBoolean()
  enable_search?: boolean;

  @ApiPropertyOptional({ description: 'Switch for web search (same as enable_search).' })
  @IsOptional()
  @IsBoolean()
  web_search?: boolean;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'OpenAI search option: its presence turns web search on.' })
  @IsOptional()
  @IsObject()
  web_search_options?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object' },
    description: 'Function tools (`{type:"function", function:{name, description?, parameters?}}`). The Qwen web provider writes them into the prompt and parses the calls back (see TOOLS.md); OpenAI-compatible providers receive them unchanged.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(128)
  @IsObject({ each: true })
  tools?: Record<string, unknown>[];

  @ApiPropertyOptional({ oneOf: [{ type: 'string', enum: ['none', 'auto', 'required'] }, { type: 'object' }], description: '`none`, `auto`, `required`, or `{type:"function", function:{name}}`.' })
  @IsOptional()
  @IsToolChoice()
  tool_choice?: string | Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Accepted; the Qwen web provider lets the model make several calls either way.' })
  @IsOptional()
  @IsBoolean()
  parallel_tool_calls?: boolean;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  response_format?: Record<string, unknown>;
}
