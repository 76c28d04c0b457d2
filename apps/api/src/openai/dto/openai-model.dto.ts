import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OpenAiModelDto {
  @ApiProperty({ example: 'qwen3-max' }) id: string;
  @ApiProperty({ enum: ['model'] }) object: 'model';
  @ApiProperty({ description: 'Unix seconds (when the list was fetched).' }) created: number;
  @ApiProperty({ example: 'qwen' }) owned_by: string;
  @ApiPropertyOptional({ example: 'Qwen3-Max' }) name?: string;
  @ApiPropertyOptional({ example: 'qwen-web' }) provider?: string;
  @ApiPropertyOptional() description?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'boolean' } }) capabilities?: Record<string, boolean>;
  @ApiPropertyOptional() context_length?: number;
  @ApiPropertyOptional() max_output_tokens?: number;
  @ApiPropertyOptional({ description: 'Router only: the model this alias routes to.' }) alias_of?: string;
}

export class OpenAiModelListDto {
  @ApiProperty({ enum: ['list'] }) object: 'list';
  @ApiProperty({ type: [OpenAiModelDto] }) data: OpenAiModelDto[];
}
