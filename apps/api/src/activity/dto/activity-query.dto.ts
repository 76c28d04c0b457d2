import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class PageQueryDto {
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class SessionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Words in the title or in the kept request and answer bodies (any case).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}

export class RequestLogQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) model?: string;
  @ApiPropertyOptional({ description: 'Provider: its name or part of it (any case), or its id.' }) @IsOptional() @IsString() @MaxLength(100) provider?: string;
  @ApiPropertyOptional({ description: 'Qwen account (credential) id.' }) @IsOptional() @IsString() @MaxLength(100) account?: string;
  @ApiPropertyOptional({ enum: ['ok', 'error', 'cancelled'] }) @IsOptional() @IsIn(['ok', 'error', 'cancelled']) status?: 'ok' | 'error' | 'cancelled';
  @ApiPropertyOptional({ enum: ['proxy', 'router'] }) @IsOptional() @IsIn(['proxy', 'router']) listener?: 'proxy' | 'router';
  @ApiPropertyOptional({ description: 'From (epoch ms, inclusive).' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) from?: number;
  @ApiPropertyOptional({ description: 'To (epoch ms, exclusive).' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) to?: number;
}

export class UsageQueryDto {
  @ApiPropertyOptional({ description: 'From (epoch ms); default 7 days ago.' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) from?: number;
  @ApiPropertyOptional({ description: 'To (epoch ms); default now.' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) to?: number;
  @ApiPropertyOptional({ enum: ['hour', 'day'], default: 'day' }) @IsOptional() @IsIn(['hour', 'day']) bucket?: 'hour' | 'day';
}
