import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsContentBlocks } from './content-block.validation';

export class AnthropicMessageDto {
  // `system` in `messages` is what the Anthropic API and its SDK accept (`SystemMessageParam`)
  // and what Claude Code sends mid-conversation (its agent and skill lists).
  @ApiProperty({ enum: ['user', 'assistant', 'system'] })
  @IsIn(['user', 'assistant', 'system'])
  role: 'user' | 'assistant' | 'system';

  @ApiProperty({ description: 'A string, or content blocks (text, image, document, tool_use, tool_result, thinking).', oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'object' } }] })
  @IsContentBlocks()
  content: string | Record<string, unknown>[];
}

export class AnthropicToolDto {
  @ApiPropertyOptional({ description: 'Absent or `custom` for a client tool; server tools (`web_search_…`) have their own type.' })
  @IsOptional()
  @IsString()
  type?: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() description?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'JSON Schema of the input (client tools).' })
  @IsOptional()
  @IsObject()
  input_schema?: Record<string, unknown>;
}

export class AnthropicToolChoiceDto {
  @ApiProperty({ enum: ['auto', 'any', 'tool', 'none'] })
  @IsIn(['auto', 'any', 'tool', 'none'])
  type: 'auto' | 'any' | 'tool' | 'none';

  @ApiPropertyOptional() @IsOptional() @IsString() name?: string;
}

export class AnthropicThinkingDto {
  @ApiProperty({ enum: ['enabled', 'disabled', 'adaptive'] })
  @IsIn(['enabled', 'disabled', 'adaptive'])
  type: 'enabled' | 'disabled' | 'adaptive';

  @ApiPropertyOptional({ minimum: 1 }) @IsOptional() @IsInt() @Min(1) budget_tokens?: number;
}

/** `POST /v1/messages/count_tokens`: what a message request would send, without the answer's settings. */
export class CountTokensRequestDto {
  @ApiProperty({ example: 'claude-sonnet-4-5', description: 'Claude names map to a Qwen model (see README).' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  model: string;

  @ApiProperty({ type: [AnthropicMessageDto] })
  @IsArray()
  @ArrayMinSize(1, { message: 'messages must contain at least one message' })
  @ValidateNested({ each: true })
  @Type(() => AnthropicMessageDto)
  messages: AnthropicMessageDto[];

  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'object' } }] })
  @IsOptional()
  @IsContentBlocks()
  system?: string | Record<string, unknown>[];

  @ApiPropertyOptional({ type: [AnthropicToolDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AnthropicToolDto)
  tools?: AnthropicToolDto[];

  @ApiPropertyOptional({ type: AnthropicToolChoiceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnthropicToolChoiceDto)
  tool_choice?: AnthropicToolChoiceDto;

  @ApiPropertyOptional({ type: AnthropicThinkingDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnthropicThinkingDto)
  thinking?: AnthropicThinkingDto;
}
