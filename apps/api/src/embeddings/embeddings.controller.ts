import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { embeddingListSchema } from '../docs/response-schemas';
import { ClientKeyGuard } from '../security/client-key.guard';
import { EmbeddingRequestDto } from './dto/embedding-request.dto';
import { EmbeddingsService } from './embeddings.service';
import { RouterOnlyGuard } from './router-only.guard';

@ApiTags('openai')
@ApiBearerAuth()
// Keys first: a client without a valid key learns nothing about the ports, as on every /v1 route.
@UseGuards(ClientKeyGuard, RouterOnlyGuard)
@Controller('v1/embeddings')
export class EmbeddingsController {
  constructor(private readonly embeddings: EmbeddingsService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'OpenAI embeddings, on the router port only (the proxy port answers 404): passed to an OpenAI-compatible provider of the model.' })
  @ApiOkResponse({ description: "The upstream's `list` of embeddings, `model` being the name asked for.", schema: embeddingListSchema })
  async create(@Body() _validated: EmbeddingRequestDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<Record<string, unknown>> {
    // The body as the client wrote it goes upstream; the DTO only validated it.
    const body = request.body as Record<string, unknown>;
    const hangUp = new AbortController();
    response.once('close', () => {
      if (!response.writableFinished) hangUp.abort();
    });
    request.recordingStarted = true;
    const reply = await this.embeddings.create(body, {
      requestId: request.requestId,
      userAgent: request.header('user-agent'),
      apiKeyId: request.apiKey?.id,
      signal: hangUp.signal,
    });
    // As on the chat surfaces: the name when it is valid header text, else the id.
    response.setHeader('x-provider', /^[\x20-\x7e]+$/.test(reply.providerName) ? reply.providerName : reply.provider);
    response.setHeader('x-provider-id', reply.provider);
    return reply.body;
  }
}
