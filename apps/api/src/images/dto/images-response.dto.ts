import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One image of OpenAI's `ImagesResponse`: a URL or the bytes in base64, as `response_format` asked. */
export class ImageDto {
  @ApiPropertyOptional({ description: 'Where the image is (Qwen: its signed CDN link).' }) url?: string;
  @ApiPropertyOptional({ description: 'The image itself, base64-encoded (`response_format: "b64_json"`).' }) b64_json?: string;
  @ApiPropertyOptional({ description: 'Only from upstreams that rewrite the prompt (passed through on the router).' }) revised_prompt?: string;
}

export class ImagesResponseDto {
  @ApiProperty({ description: 'Unix seconds.' }) created: number;
  @ApiProperty({ type: [ImageDto] }) data: ImageDto[];
}
