import { randomUUID } from 'node:crypto';
import { Observable } from 'rxjs';
import { Agent, request, type Dispatcher } from 'undici';
import { z } from 'zod';
import {
  failSpan,
  type FlowControl,
  isGatewayError,
  type GatewayError,
  observeChatEvent,
  SpanKind,
  startSpan,
  type TraceContext,
} from '@qwen-proxy/contracts';
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
import { readBodyText } from './internal/response-body';
import { readCreateChatAnswer } from './internal/create-chat-answer';
import { resolveQwenClientOptions, type QwenClientOptions } from './qwen-client-options';
import { decodeTokenExpiry, effectiveToken, type QwenCredentials } from './qwen-credentials';
import { tokenExpiredError, unexpectedResponseError } from './qwen-error-classification';
import type { QwenEvent } from './qwen-event';
import { parseModelList, type QwenModel } from './qwen-models';
import { chatCreationRefusedError, webVersionUnknownError } from './request-side-errors';
import { completionRetryFor, type CompletionRetry } from './internal/completion-retry';
import { WebVersionSource, type WebVersion } from './web-version/web-version-source';

/** Model lists run to a few hundred kilobytes; anything far larger is not a model list. */
const maxJsonBodyBytes = 16 * 1024 * 1024;
/** The homepage is read for its asset paths only; a few megabytes is far more than it needs. */
const maxHomepageBytes = 4 * 1024 * 1024;

export interface CreateChatParameters {
  model: string;
  /** Must match the messages to come: `t2t`, `search`, `t2i`, … Default `t2t`. */
  chatType?: QwenChatType;
  /** Default `normal` (an account chat). */
  chatMode?: QwenChatMode;
  title?: string;
  /** The span `chats/new` is traced under. */
  traceContext?: TraceContext;
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
  /** The span the completion call is traced under. */
  traceContext?: TraceContext;
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
  /** The front-end version header, when the call carries one. */
  version?: string;
}

/** Which generation to stop: the chat, and the answer being generated when it is known. */
export interface StopCompletionParameters {
  chatId: string;
  responseId?: string;
}


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
  /** The front-end version completions carry (configured, or discovered from the homepage). */
  readonly webVersion: WebVersionSource;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;

  constructor(options: Partial<QwenClientOptions> = {}, dependencies: { webVersion?: WebVersionSource } = {}) {
    this.options = Object.freeze(resolveQwenClientOptions(options));
    this.ownsDispatcher = this.options.dispatcher === undefined;
    this.dispatcher =
      this.options.dispatcher ?? new Agent({ connect: { timeout: this.options.connectTimeoutMs } });
    // A client for another proxy of the same pool may share the version source: one homepage read.
    this.webVersion =
      dependencies.webVersion ??
      new WebVersionSource(
        {
          override: this.options.webVersionHeader,
          homepagePath: this.options.homepagePath,
          pattern: this.options.webVersionPattern,
          cacheMs: this.options.webVersionCacheMs,
        },
        (path, signal) => this.readPage(path, signal),
      );
  }

  /**
   * Opens a chat (`POST /api/v2/chats/new`); completions need its id.
   *
   * A stale `version` header makes chats/new answer `unauthorized` (SilverioSG, 2026-09), which
   * is not an expired login: the version is re-read and the call repeated once with the fresh one
   * (or without any), and a last `unauthorized` only counts as expiry once the token itself is
   * checked (its `exp`, then `GET /api/v1/auths/`).
   */
  async createChat(
    credentials: QwenCredentials,
    parameters: CreateChatParameters,
    signal?: AbortSignal,
  ): Promise<{ chatId: string }> {
    const span = startSpan(
      'qwen chats/new',
      parameters.traceContext,
      { 'gen_ai.operation.name': 'create_chat', 'gen_ai.provider.name': 'qwen-web', 'gen_ai.request.model': parameters.model },
      SpanKind.CLIENT,
    );
    try {
      const created = await this.createChatTraced(credentials, parameters, signal);
      span.setAttribute('gen_ai.conversation.id', created.chatId);
      return created;
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
  }

  private async createChatTraced(credentials: QwenCredentials, parameters: CreateChatParameters, signal?: AbortSignal): Promise<{ chatId: string }> {
    const body = buildCreateChatBody({ ...parameters, now: new Date() });
    let version = this.options.versionOnCreateChat ? (await this.webVersion.current(signal)).value : undefined;
    let refused: { details: string } | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await this.createChatOnce(credentials, body, version, signal);
      if ('chatId' in answer) return answer;
      refused = answer.refused;
      if (version === undefined) break;
      // The version sent is the first suspect: try the current one, or none at all.
      const fresh = await this.webVersion.refresh(signal);
      version = fresh.value !== undefined && fresh.value !== version ? fresh.value : undefined;
    }
    throw await this.explainUnauthorized(credentials, refused?.details ?? 'unauthorized', signal);
  }

  private async createChatOnce(
    credentials: QwenCredentials,
    body: unknown,
    version: string | undefined,
    signal?: AbortSignal,
  ): Promise<{ chatId: string } | { refused: { details: string } }> {
    let answer: unknown;
    try {
      answer = await this.callJson({
        method: 'POST',
        path: '/api/v2/chats/new',
        endpoint: 'create-chat',
        credentials,
        body,
        signal,
        version,
      });
    } catch (error) {
      if (isGatewayError(error) && error.code === 'qwen_token_expired') return { refused: { details: error.message } };
      throw error;
    }
    const read = readCreateChatAnswer(answer);
    if (read.kind === 'chat') return { chatId: read.chatId };
    if (read.kind === 'unauthorized') return { refused: { details: read.details } };
    throw unexpectedResponseError('no chat id after creating a chat', JSON.stringify(answer));
  }

  /** Whether an `unauthorized` is the login's fault: its `exp`, then the profile call, decide. */
  private async explainUnauthorized(credentials: QwenCredentials, details: string, signal?: AbortSignal): Promise<GatewayError> {
    const token = effectiveToken(credentials);
    const expiry = token ? decodeTokenExpiry(token) : undefined;
    if (expiry !== undefined && expiry <= Date.now()) {
      return tokenExpiredError(`the token expired at ${new Date(expiry).toISOString()}`);
    }
    try {
      await this.checkToken(credentials, signal);
    } catch (error) {
      // The profile refuses the token too: now it is the login.
      if (isGatewayError(error)) return error;
      throw error;
    }
    return chatCreationRefusedError(details);
  }

  /**
   * Sends one user message and streams the answer. Cold: nothing is sent until subscription.
   * Unsubscribing aborts the upstream request and frees its socket. The stream always ends with
   * one `finish` or `error` event, then completes.
   */
  streamCompletion(credentials: QwenCredentials, parameters: CompletionParameters): Observable<QwenEvent> {
    return new Observable<QwenEvent>((subscriber) => {
      // Spans the whole call, retries included: it ends with the stream (or the hang-up).
      const span = startSpan(
        `chat ${parameters.model}`,
        parameters.traceContext,
        {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'qwen-web',
          'gen_ai.request.model': parameters.model,
          'gen_ai.conversation.id': parameters.chatId,
          'url.path': '/api/v2/chat/completions',
        },
        SpanKind.CLIENT,
      );
      const deliver = (event: QwenEvent) => {
        if (event.type === 'response-created') {
          if (event.responseId) span.setAttribute('gen_ai.response.id', event.responseId);
        } else if (event.type !== 'unknown-shape') observeChatEvent(span, event);
        subscriber.next(event);
      };
      const consumerGone = new AbortController();
      const body = JSON.stringify(
        buildCompletionBody({
          ...parameters,
          version: this.options.completionVersion,
          now: new Date(),
          newId: randomUUID,
        }),
      );
      const url = `${this.options.baseUrl}/api/v2/chat/completions?chat_id=${encodeURIComponent(parameters.chatId)}`;
      const send = (version: string | undefined) => (signal: AbortSignal) =>
        request(url, {
          method: 'POST',
          headers: this.headersFor({ endpoint: 'completion', credentials, chatId: parameters.chatId, version }),
          body,
          signal,
          dispatcher: this.dispatcher,
          headersTimeout: this.options.firstByteTimeoutMs,
          bodyTimeout: this.options.idleTimeoutMs,
        });

      let settled = false;
      /** The generation Qwen is running for us, until it finished or failed: what to stop on a hang-up. */
      let running: { responseId?: string } | undefined;
      const stopIfRunning = () => {
        if (!running) return;
        const target = { chatId: parameters.chatId, responseId: running.responseId };
        running = undefined;
        // Best effort: the client is gone either way, and a failed stop only costs a later retry.
        this.stopCompletion(credentials, target).catch(() => undefined);
      };
      const onCallerAbort = () => stopIfRunning();
      parameters.signal?.addEventListener('abort', onCallerAbort, { once: true });

      const run = async () => {
        let version: WebVersion = await this.webVersion.current(parameters.signal);
        const retriesDone = new Set<CompletionRetry['kind']>();
        for (;;) {
          let held: QwenEvent | undefined;
          let emitted = false;
          await runCompletionStream({
            send: send(version.value),
            baseUrl: this.options.baseUrl,
            timeouts: this.options,
            sseMaxLineBytes: this.options.sseMaxLineBytes,
            flow: parameters.flow,
            cancelled: consumerGone.signal,
            callerSignal: parameters.signal,
            emit: (event) => {
              if (event.type === 'response-created') running = { responseId: event.responseId };
              if (event.type === 'finish' || event.type === 'error') running = undefined;
              // An error before anything else may be worth one more try: hold it back until decided.
              if (!emitted && event.type === 'error') {
                held = event;
                return;
              }
              emitted = true;
              deliver(event);
            },
          });
          if (!held || held.type !== 'error') return;
          const retry = completionRetryFor(held.error, {
            retriesDone,
            versionIsConfigured: this.webVersion.isConfigured,
            chatInProgressDelaysMs: this.options.chatInProgressRetryDelaysMs,
          });
          if (!retry || consumerGone.signal.aborted || parameters.signal?.aborted) {
            deliver(this.explained(held.error, version));
            return;
          }
          retriesDone.add(retry.kind);
          if (retry.kind === 'refresh-version') {
            const fresh = await this.webVersion.refresh(parameters.signal);
            // The same version again would get the same answer.
            if (fresh.value === undefined || fresh.value === version.value) {
              deliver(this.explained(held.error, fresh));
              return;
            }
            version = fresh;
          } else if (retry.waitMs > 0) {
            await abortableSleep(retry.waitMs, consumerGone.signal, parameters.signal);
          }
        }
      };
      run().then(
        () => {
          settled = true;
          span.end();
          subscriber.complete();
        },
        (error: unknown) => {
          settled = true;
          failSpan(span, error);
          span.end();
          subscriber.error(error);
        },
      );

      // Aborting builds a DOMException with a stack: only worth it when the stream still runs.
      return () => {
        parameters.signal?.removeEventListener('abort', onCallerAbort);
        if (!settled) {
          consumerGone.abort();
          stopIfRunning();
          span.end();
        }
      };
    });
  }

  /**
   * Tells Qwen to stop generating (`POST /api/v2/chat/completions/stop?chat_id=`, body
   * `{chat_id, response_id}`). Without it a cancelled generation keeps running and the chat's next
   * message answers "The chat is in progress!" (audit B5).
   */
  async stopCompletion(credentials: QwenCredentials, target: StopCompletionParameters, signal?: AbortSignal): Promise<void> {
    await this.callJson({
      method: 'POST',
      path: `${this.options.stopCompletionPath}?chat_id=${encodeURIComponent(target.chatId)}`,
      endpoint: 'chat',
      credentials,
      chatId: target.chatId,
      body: { chat_id: target.chatId, ...(target.responseId ? { response_id: target.responseId } : {}) },
      signal,
      emptyBodyIsSuccess: true,
      version: (await this.webVersion.current(signal)).value,
    });
  }

  /**
   * A new login for a refresh token (`POST /api/v2/auths/refresh {"refresh_token"}` →
   * `data.token`, `data.refresh_token`). Rejects with a classified error, `qwen_token_expired`
   * when the refresh token is no longer accepted.
   */
  async refreshToken(credentials: QwenCredentials, refreshToken: string, signal?: AbortSignal): Promise<{ token: string; refreshToken?: string }> {
    const answer = await this.callJson({
      method: 'POST',
      path: this.options.refreshTokenPath,
      endpoint: 'other',
      credentials,
      body: { refresh_token: refreshToken },
      signal,
    });
    const data = (typeof answer === 'object' && answer !== null ? ((answer as { data?: unknown }).data ?? answer) : {}) as { token?: unknown; refresh_token?: unknown };
    if (typeof data.token !== 'string' || data.token === '') throw unexpectedResponseError('no token after a refresh', JSON.stringify(answer).replace(refreshToken, '…'));
    return { token: data.token, ...(typeof data.refresh_token === 'string' && data.refresh_token ? { refreshToken: data.refresh_token } : {}) };
  }

  /** A Bad_Request sent without any known version is about the version, not the account. */
  private explained(error: GatewayError, version: WebVersion): QwenEvent {
    if (error.code === 'qwen_bad_request' && version.origin === 'none') {
      return { type: 'error', error: webVersionUnknownError(this.options.baseUrl, this.options.homepagePath) };
    }
    return { type: 'error', error };
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

  private headersFor(target: { endpoint: QwenEndpoint; credentials?: QwenCredentials; chatId?: string; version?: string }) {
    return buildRequestHeaders({
      options: this.options,
      endpoint: target.endpoint,
      credentials: target.credentials,
      chatId: target.chatId,
      version: target.version,
      requestId: randomUUID(),
      now: new Date(),
    });
  }

  /** The HTML of a page of the web app (the homepage, for the front-end version). */
  private async readPage(path: string, signal?: AbortSignal): Promise<string> {
    const response = await request(`${this.options.baseUrl}${path}`, {
      method: 'GET',
      headers: {
        Accept: 'text/html,application/xhtml+xml',
        'User-Agent': this.options.userAgent,
        ...this.options.extraHeaders,
      },
      signal,
      dispatcher: this.dispatcher,
      headersTimeout: this.options.firstByteTimeoutMs,
      bodyTimeout: this.options.idleTimeoutMs,
    });
    const text = await readBodyText(response.body, maxHomepageBytes);
    if (response.statusCode < 200 || response.statusCode >= 300) throw new Error(`HTTP ${response.statusCode} on ${path}`);
    return text;
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

/** Waits, unless one of the signals fires first. */
function abortableSleep(milliseconds: number, ...signals: (AbortSignal | undefined)[]): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signals.forEach((signal) => signal?.removeEventListener('abort', done));
      resolve();
    };
    const timer = setTimeout(done, milliseconds);
    signals.forEach((signal) => signal?.addEventListener('abort', done, { once: true }));
  });
}
