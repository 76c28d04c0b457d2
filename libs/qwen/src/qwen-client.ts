import { randomUUID } from 'node:crypto';
import { Observable } from 'rxjs';
import { Agent, request, type Dispatcher } from 'undici';
import { z } from 'zod';
import { type FlowControl, isGatewayError } from '@qwen-proxy/contracts';
import {
  buildCompletionBody,
  buildCreateChatBody,
  type QwenChatMode,
  type QwenChatType,
  type QwenFileAttachment,
  type QwenThinkingSettings,
} from './completion-body';
import { runCompletionStream } from './internal/completion-stream';
import { buildRequestHeaders, type QwenEndpoint } from './internal/request-headers';
import { callQwenJson } from './internal/json-call';
import { resolveQwenClientOptions, type QwenClientOptions } from './qwen-client-options';
import type { QwenCredentials } from './qwen-credentials';
import { unexpectedResponseError } from './qwen-error-classification';
import type { QwenEvent } from './qwen-event';
import { parseModelList, type QwenModel } from './qwen-models';

/** Model lists run to a few hundred kilobytes; anything far larger is not a model list. */
const maxJsonBodyBytes = 16 * 1024 * 1024;

export interface CreateChatParameters {
  model: string;
  /** Must match the messages to come: `t2t`, `search`, `t2i`, … Default `t2t`. */
  chatType?: QwenChatType;
  /** Default `normal` (an account chat). */
  chatMode?: QwenChatMode;
  title?: string;
}

export interface CompletionParameters {
  /** A chat made by `createChat`: Qwen rejects made-up ids. */
  chatId: string;
  model: string;
  /** The previous answer's `responseId`; null on a chat's first turn. */
  parentId: string | null;
  /** The one new user message (Qwen keeps the chat's history itself). */
  content: string;
  chatType?: QwenChatType;
  chatMode?: QwenChatMode;
  thinking?: QwenThinkingSettings;
  autoSearch?: boolean;
  files?: QwenFileAttachment[];
  /** Image generation aspect ratio, e.g. `"1:1"`. */
  size?: string;
  /** Cancels the request; the stream then ends with a `request_aborted` error event. */
  signal?: AbortSignal;
  /** While paused, the answer's body is not read (backpressure from the client). */
  flow?: FlowControl;
}

/** The account behind a token, as `GET /api/v1/auths/` describes it. */
export interface QwenProfile {
  id?: string;
  email?: string;
  name?: string;
}

interface JsonCall {
  method: Dispatcher.HttpMethod;
  path: string;
  endpoint: QwenEndpoint;
  credentials?: QwenCredentials;
  chatId?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** A 2xx with no body counts as success (DELETE). */
  emptyBodyIsSuccess?: boolean;
}

const createdChatSchema = z.union([
  z.object({ data: z.object({ id: z.string().min(1) }) }).transform((body) => body.data.id),
  z.object({ id: z.string().min(1) }).transform((body) => body.id),
]);

const optionalText = z.string().nullish().catch(undefined);
const profileFieldsSchema = z.object({ id: optionalText, email: optionalText, name: optionalText });
const profileSchema = z.union([
  z
    .object({ data: profileFieldsSchema.refine((profile) => profile.id || profile.email) })
    .transform((body) => body.data),
  profileFieldsSchema,
]);

/**
 * The chat.qwen.ai web API, for any number of accounts: credentials travel with each call, so
 * one client (one connection pool, one proxy) serves a whole pool of accounts.
 *
 * Every promise rejects only with a classified `GatewayError`; `streamCompletion` reports
 * upstream failures as `error` events instead, so a stream has one shape.
 */
export class QwenClient {
  readonly options: Readonly<QwenClientOptions>;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;

  constructor(options: Partial<QwenClientOptions> = {}) {
    this.options = Object.freeze(resolveQwenClientOptions(options));
    this.ownsDispatcher = this.options.dispatcher === undefined;
    this.dispatcher =
      this.options.dispatcher ?? new Agent({ connect: { timeout: this.options.connectTimeoutMs } });
  }

  /** Opens a chat (`POST /api/v2/chats/new`); completions need its id. */
  async createChat(
    credentials: QwenCredentials,
    parameters: CreateChatParameters,
    signal?: AbortSignal,
  ): Promise<{ chatId: string }> {
    const body = buildCreateChatBody({ ...parameters, now: new Date() });
    const answer = await this.callJson({
      method: 'POST',
      path: '/api/v2/chats/new',
      endpoint: 'create-chat',
      credentials,
      body,
      signal,
    });
    const created = createdChatSchema.safeParse(answer);
    if (!created.success) throw unexpectedResponseError('no chat id after creating a chat', JSON.stringify(answer));
    return { chatId: created.data };
  }

  /**
   * Sends one user message and streams the answer. Cold: nothing is sent until subscription.
   * Unsubscribing aborts the upstream request and frees its socket. The stream always ends with
   * one `finish` or `error` event, then completes.
   */
  streamCompletion(credentials: QwenCredentials, parameters: CompletionParameters): Observable<QwenEvent> {
    return new Observable<QwenEvent>((subscriber) => {
      const consumerGone = new AbortController();
      const body = buildCompletionBody({
        ...parameters,
        version: this.options.completionVersion,
        now: new Date(),
        newId: randomUUID,
      });
      const headers = this.headersFor({ endpoint: 'completion', credentials, chatId: parameters.chatId });
      const url = `${this.options.baseUrl}/api/v2/chat/completions?chat_id=${encodeURIComponent(parameters.chatId)}`;

      let settled = false;
      runCompletionStream({
        send: (signal) =>
          request(url, {
            method: 'POST',
            headers,
            body: JSON.stringify(body),
            signal,
            dispatcher: this.dispatcher,
            headersTimeout: this.options.firstByteTimeoutMs,
            bodyTimeout: this.options.idleTimeoutMs,
          }),
        baseUrl: this.options.baseUrl,
        timeouts: this.options,
        sseMaxLineBytes: this.options.sseMaxLineBytes,
        flow: parameters.flow,
        cancelled: consumerGone.signal,
        callerSignal: parameters.signal,
        emit: (event) => subscriber.next(event),
      }).then(
        () => {
          settled = true;
          subscriber.complete();
        },
        (error: unknown) => {
          settled = true;
          subscriber.error(error);
        },
      );

      // Aborting builds a DOMException with a stack: only worth it when the stream still runs.
      return () => {
        if (!settled) consumerGone.abort();
      };
    });
  }

  /** The live model list (`GET /api/models`, else `GET /api/v2/models/`); works without an account. */
  async listModels(credentials?: QwenCredentials, signal?: AbortSignal): Promise<QwenModel[]> {
    const call = (path: string) => this.callJson({ method: 'GET', path, endpoint: 'other', credentials, signal });
    let answer: unknown;
    try {
      answer = await call('/api/models');
    } catch (error) {
      if (!isGatewayError(error) || error.status !== 404) throw error;
      answer = await call('/api/v2/models/');
    }
    return parseModelList(answer);
  }

  /** Deletes a chat from the account's history (`DELETE /api/v2/chats/<id>`). */
  async deleteChat(credentials: QwenCredentials, chatId: string, signal?: AbortSignal): Promise<void> {
    await this.callJson({
      method: 'DELETE',
      path: `/api/v2/chats/${encodeURIComponent(chatId)}`,
      endpoint: 'chat',
      credentials,
      chatId,
      signal,
      emptyBodyIsSuccess: true,
    });
  }

  /**
   * Who the token belongs to (`GET /api/v1/auths/`, trailing slash required). Rejects with
   * `qwen_token_expired` when the login is no longer valid.
   */
  async checkToken(credentials: QwenCredentials, signal?: AbortSignal): Promise<QwenProfile> {
    const answer = await this.callJson({
      method: 'GET',
      path: '/api/v1/auths/',
      endpoint: 'other',
      credentials,
      signal,
    });
    const profile = profileSchema.safeParse(answer);
    if (!profile.success) return {};
    const { id, email, name } = profile.data;
    return { ...(id ? { id } : {}), ...(email ? { email } : {}), ...(name ? { name } : {}) };
  }

  /** Closes the connection pool the client made for itself (a dispatcher passed in stays open). */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private headersFor(target: { endpoint: QwenEndpoint; credentials?: QwenCredentials; chatId?: string }) {
    return buildRequestHeaders({
      options: this.options,
      endpoint: target.endpoint,
      credentials: target.credentials,
      chatId: target.chatId,
      requestId: randomUUID(),
      now: new Date(),
    });
  }

  /** One JSON call: a 2xx with a JSON body that reports no error, or a classified rejection. */
  private callJson(call: JsonCall): Promise<unknown> {
    return callQwenJson({
      options: this.options,
      dispatcher: this.dispatcher,
      method: call.method,
      path: call.path,
      headers: this.headersFor(call),
      body: call.body,
      signal: call.signal,
      maxBodyBytes: maxJsonBodyBytes,
      emptyBodyIsSuccess: call.emptyBodyIsSuccess,
    });
  }
}
