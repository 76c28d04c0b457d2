import { Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { fromEvent, takeUntil } from 'rxjs';
import type { ChatMessage } from '@qwen-proxy/contracts';
import { sendOpenAiError } from '../common/gateway-exception.filter';
import { sessionHintOf } from '../common/session-hint';
import { listenerOf, SurfaceChatRunner } from '../common/surface-chat-runner';
import type { CreateResponseRequestDto } from './dto/create-response-request.dto';
import { type ResponseIdentity, type ResponseObject, type ResponseState, toResponseObject } from './response-object';
import { assistantMessageOf, toResponseState } from './response-result.mapping';
import { ResponseStore } from './response-store';
import { toChatRequest, toInputMessages } from './responses-request.mapping';
import { ResponsesStreamEncoder } from './responses-stream-encoder';

/** The OpenAI Responses surface over a provider: one event stream, written as named SSE events or reduced to JSON. */
@Injectable()
export class ResponsesService {
  private readonly logger = new Logger(ResponsesService.name);

  constructor(
    private readonly runner: SurfaceChatRunner,
    private readonly store: ResponseStore,
  ) {}

  async answer(body: CreateResponseRequestDto, request: Request, response: Response, options: { keepAliveMs: number }): Promise<void> {
    const listener = listenerOf(request);
    await this.runner.assertModel(body.model, listener);
    const history = body.previous_response_id ? await this.store.conversationOf(body.previous_response_id, request.apiKey?.id ?? null) : [];
    const chatRequest = toChatRequest(body, { history, sessionKey: sessionHintOf(request) });
    request.recordingStarted = true;
    const run = this.runner.start(chatRequest, {
      requestId: request.requestId,
      listener,
      surface: 'openai-responses',
      userAgent: request.header('user-agent'),
      body,
      apiKeyId: request.apiKey?.id,
    });
    const identity: ResponseIdentity = { id: `resp_${request.requestId.replace(/^req_/, '')}`, createdAt: run.created, request: body };
    // What a later `previous_response_id` continues: this input after the history, instructions left out.
    const conversation = [...history, ...toInputMessages(body.input)];

    if (chatRequest.stream) {
      const encoder = new ResponsesStreamEncoder(identity);
      return this.runner.stream(run, response, encoder, {
        keepAliveMs: options.keepAliveMs,
        sendError: sendOpenAiError,
        onDone: (outcome) => {
          if (!outcome.error && !outcome.cancelled) void this.keep(body, identity, encoder.snapshot(), conversation, request);
        },
      });
    }
    const { result, cancelled } = await this.runner.reduce(run.events.pipe(takeUntil(fromEvent(response, 'close'))), run, response);
    const state = toResponseState(result, identity);
    const answer = toResponseObject(identity, state);
    if (!cancelled) await this.keep(body, identity, state, conversation, request);
    response.status(200).json(answer);
  }

  /** A stored response, for the API key that created it only. */
  retrieve(responseId: string, request: Request): Promise<ResponseObject> {
    return this.store.find(responseId, request.apiKey?.id ?? null);
  }

  /** Stores the response (unless `store: false`); a failure to store never fails the answer. */
  private async keep(body: CreateResponseRequestDto, identity: ResponseIdentity, state: ResponseState, conversation: ChatMessage[], request: Request): Promise<void> {
    if (body.store === false) return;
    try {
      await this.store.save({
        response: toResponseObject(identity, state),
        conversation: [...conversation, assistantMessageOf(state.output)],
        requestId: request.requestId,
        clientScope: request.apiKey?.id ?? null,
      });
    } catch (error) {
      this.logger.warn(`Could not store response ${identity.id}: ${String(error)}`);
    }
  }
}
