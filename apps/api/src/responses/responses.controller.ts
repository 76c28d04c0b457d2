import { Body, Controller, Get, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ClientKeyGuard } from '../security/client-key.guard';
import { CreateResponseRequestDto } from './dto/create-response-request.dto';
import type { ResponseObject } from './response-object';
import { ResponsesService } from './responses.service';
import { responseContent, responseObjectSchema } from '../docs/response-schemas';

@ApiTags('openai')
@ApiBearerAuth()
@UseGuards(ClientKeyGuard)
@Controller('v1/responses')
export class ResponsesController {
  constructor(
    private readonly responses: ResponsesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @ApiOperation({ summary: 'OpenAI Responses, streaming (named events with sequence numbers) or not; previous_response_id continues a conversation.' })
  @ApiOkResponse({ description: 'A `response`, or a `text/event-stream` from `response.created` to `response.completed`.', content: responseContent })
  async create(@Body() body: CreateResponseRequestDto, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.responses.answer(body, request, response, { keepAliveMs: this.config.streamKeepAliveMs });
  }

  @Get(':id')
  @ApiOperation({ summary: 'A stored response.' })
  @ApiOkResponse({ schema: responseObjectSchema })
  retrieve(@Param('id') id: string, @Req() request: Request): Promise<ResponseObject> {
    return this.responses.retrieve(id, request);
  }
}
