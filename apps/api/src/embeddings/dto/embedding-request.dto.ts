import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { IsEmbeddingInput, maximumEmbeddingInputs } from './embedding-input.validation';

/**
 * `POST /v1/embeddings`, as OpenAI defines it. The router passes the body on as written (other
 * fields included), so these checks are the ones worth failing early on.
 */
export class EmbeddingRequestDto {
  @ApiProperty({ example: 'text-embedding-3-small' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  model: string;

  @ApiProperty({
    description: `A string, an array of strings, an array of token ids or an array of token-id arrays (at most ${maximumEmbeddingInputs} items, none empty).`,
    oneOf: [
      { type: 'string' },
      { type: 'array', items: { type: 'string' } },
      { type: 'array', items: { type: 'integer', minimum: 0 } },
      { type: 'array', items: { type: 'array', items: { type: 'integer', minimum: 0 } } },
    ],
    example: 'The food was delicious and the waiter was kind.',
  })
  @IsDefined({ message: 'input is required' })
  @IsEmbeddingInput()
  input: string | string[] | number[] | number[][];

  @ApiPropertyOptional({ enum: ['float', 'base64'], default: 'float' })
  @IsOptional()
  @IsIn(['float', 'base64'])
  encoding_format?: 'float' | 'base64';

  @ApiPropertyOptional({ minimum: 1, description: 'How many numbers each vector has; only some models can shorten their vectors.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  dimensions?: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) user?: string;
}
