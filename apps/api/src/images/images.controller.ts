import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ClientKeyGuard } from '../security/client-key.guard';
import { ImageGenerationRequestDto } from './dto/image-generation-request.dto';
import { ImagesResponseDto } from './dto/images-response.dto';
import { ImagesService } from './images.service';

@ApiTags('openai')
@ApiBearerAuth()
@UseGuards(ClientKeyGuard)
@Controller('v1/images/generations')
export class ImagesController {
  constructor(private readonly images: ImagesService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: "OpenAI image generation, drawn by Qwen's t2i chat (one image per request)." })
  @ApiOkResponse({ type: ImagesResponseDto, description: '`{created, data: [{url} | {b64_json}]}`.' })
  async create(@Body() body: ImageGenerationRequestDto, @Req() request: Request, @Res() response: Response): Promise<void> {
    const answer = await this.images.generate(body, request, response);
    // Undefined: the client hung up before the drawing was done; nobody is left to answer.
    if (answer && !response.writableEnded) response.status(200).json(answer);
  }
}
