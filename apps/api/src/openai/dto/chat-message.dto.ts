import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  registerDecorator,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';

const contentPartTypes = ['text', 'image_url', 'input_audio', 'file', 'refusal'];

/** `content` is a string, null (assistant with tool calls), or an array of typed parts. */
function IsMessageContent(): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isMessageContent',
      target: target.constructor,
      propertyName: String(propertyKey),
      validator: {
        validate(value: unknown): boolean {
          if (value === null || value === undefined || typeof value === 'string') return true;
          if (!Array.isArray(value)) return false;
          return value.every((part: unknown) => {
            if (typeof part !== 'object' || part === null) return false;
            const { type, text, image_url: imageUrl } = part as { type?: unknown; text?: unknown; image_url?: unknown };
            if (typeof type !== 'string' || !contentPartTypes.includes(type)) return false;
            if (type === 'text') return typeof text === 'string';
            if (type === 'image_url') {
              return typeof imageUrl === 'string' || (typeof imageUrl === 'object' && imageUrl !== null && typeof (imageUrl as { url?: unknown }).url === 'string');
            }
            return true;
          });
        },
        defaultMessage(arguments_: ValidationArguments): string {
          return `${arguments_.property} must be a string, null, or an array of content parts (${contentPartTypes.join(', ')}), each with the fields its type needs`;
        },
      },
    });
}

export class ToolCallFunctionDto {
  @ApiProperty() @IsString() name: string;
  @ApiProperty({ description: 'JSON text of the arguments.' }) @IsString() arguments: string;
}

export class ToolCallDto {
  @ApiProperty() @IsString() id: string;
  @ApiProperty({ enum: ['function'] }) @IsIn(['function']) type: 'function';
  @ApiProperty({ type: ToolCallFunctionDto })
  @ValidateNested()
  @Type(() => ToolCallFunctionDto)
  function: ToolCallFunctionDto;
}

export class ChatMessageDto {
  @ApiProperty({ enum: ['system', 'developer', 'user', 'assistant', 'tool'] })
  @IsIn(['system', 'developer', 'user', 'assistant', 'tool'])
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';

  @ApiPropertyOptional({
    description: 'A string, null, or an array of content parts ({type:"text",text} or {type:"image_url",image_url:{url}}).',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'object' } }],
    nullable: true,
  })
  @IsMessageContent()
  content?: string | Record<string, unknown>[] | null;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(256) name?: string;

  @ApiPropertyOptional({ type: [ToolCallDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ToolCallDto)
  tool_calls?: ToolCallDto[];

  @ApiPropertyOptional() @IsOptional() @IsString() tool_call_id?: string;

  /** Some clients echo reasoning back; it is not part of the conversation key. */
  @ApiPropertyOptional() @IsOptional() @IsString() reasoning_content?: string;
}
