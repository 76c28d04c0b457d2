import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsResponseInput } from './input-items.validation';

export class ResponseToolDto {
  @ApiProperty({ example: 'function', description: '`function`; `namespace` (its functions, flattened); `web_search` / `web_search_preview` turn on Qwen web search.' })
  @IsString()
  type: string;

  @ApiPropertyOptional() @ValidateIf((tool: ResponseToolDto) => tool.type === 'function' || tool.type === 'namespace') @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() description?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsObject() parameters?: Record<string, unknown>;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() strict?: boolean;

  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: '`namespace` tools: the function tools grouped under `name`.' })
  @IsOptional()
  @IsArray()
  tools?: Record<string, unknown>[];
}

export class ResponseReasoningDto {
  @ApiPropertyOptional({ enum: ['none', 'minimal', 'low', 'medium', 'high'] })
  @IsOptional()
  @IsIn(['none', 'minimal', 'low', 'medium', 'high'])
  effort?: 'none' | 'minimal' | 'low' | 'medium' | 'high' | null;

  @ApiPropertyOptional({ enum: ['auto', 'concise', 'detailed'] }) @IsOptional() @IsString() summary?: string | null;
}

/**
 * `POST /v1/responses`, as OpenAI defines it. Fields the Qwen web chat cannot honour
 * (`temperature`, `top_p`, `max_output_tokens`, `text.format`…) are validated, accepted and
 * echoed; unknown fields are accepted and ignored.
 */
export class CreateResponseRequestDto {
  @ApiProperty({ example: 'qwen3-max' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  model: string;

  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'object' } }] })
  @IsResponseInput()
  input: string | Record<string, unknown>[];

  @ApiPropertyOptional({ type: String, nullable: true, description: 'A system message in front of this request (not carried over by previous_response_id).' })
  @IsOptional()
  @IsString()
  instructions?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Continues from a stored response: its input and output come before this input.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  previous_response_id?: string | null;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() stream?: boolean;
  @ApiPropertyOptional({ default: true, description: 'Keep the response for previous_response_id.' }) @IsOptional() @IsBoolean() store?: boolean;

  @ApiPropertyOptional({ type: [ResponseToolDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ResponseToolDto)
  tools?: ResponseToolDto[];

  @ApiPropertyOptional({ oneOf: [{ type: 'string', enum: ['none', 'auto', 'required'] }, { type: 'object' }] })
  @IsOptional()
  @ValidateIf((_, value) => typeof value === 'string')
  @IsIn(['none', 'auto', 'required'])
  tool_choice?: 'none' | 'auto' | 'required' | { type: string; name?: string };

  @ApiPropertyOptional({ type: ResponseReasoningDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ResponseReasoningDto)
  reasoning?: ResponseReasoningDto | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1 }) @IsOptional() @IsInt() @Min(1) max_output_tokens?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 2 }) @IsOptional() @IsNumber() @Min(0) @Max(2) temperature?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, maximum: 1 }) @IsOptional() @IsNumber() @Min(0) @Max(1) top_p?: number | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) @IsOptional() @IsBoolean() parallel_tool_calls?: boolean | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } }) @IsOptional() @IsObject() metadata?: Record<string, string> | null;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) @IsOptional() @IsObject() text?: Record<string, unknown> | null;
  @ApiPropertyOptional() @IsOptional() @IsString() user?: string;
}
