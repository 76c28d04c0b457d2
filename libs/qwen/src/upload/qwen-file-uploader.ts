import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Agent, request, type Dispatcher } from 'undici';
import { z } from 'zod';
import { BadRequestError, failSpan, GatewayTimeoutError, isGatewayError, SpanKind, startSpan, type TraceContext } from '@qwen-proxy/contracts';
import { readBodyText } from '../internal/response-body';
import { resolveQwenClientOptions, type QwenClientOptions } from '../qwen-client-options';
import type { QwenCredentials } from '../qwen-credentials';
import { classifyTransportError, unexpectedResponseError } from '../qwen-error-classification';
import { signingRegionOf, signOssRequest } from './oss-v4-signature';
import { ossUploadFailure } from './oss-upload-failure';
import { postQwenJson } from './qwen-json-call';
import { needsParsing, uploadFileTypeOf } from './upload-file-kind';
import { objectKeyOf, parseUploadTicket, type QwenUploadTicket } from './upload-ticket';
import type { QwenUploadedFile } from './uploaded-file';

/** What to upload: the bytes and how to call them. */
export interface QwenUploadInput {
  bytes: Uint8Array;
  filename: string;
  /** e.g. `image/png`; decides the STS `filetype` and whether Qwen parses the file. */
  mediaType: string;
  /** The span the upload is traced under. */
  traceContext?: TraceContext;
}

/** How long to wait for Qwen to parse a document, and how often to ask. */
export interface DocumentParseTiming {
  pollIntervalMs: number;
  timeoutMs: number;
}

const defaultParseTiming: DocumentParseTiming = { pollIntervalMs: 1_000, timeoutMs: 60_000 };
const maxOssErrorBytes = 64 * 1024;

const parseStatusSchema = z.object({
  data: z.array(z.object({ file_id: z.string().nullish(), status: z.string().nullish() })).nullish().catch(undefined),
});

/**
 * Qwen's upload flow (protocol §1): an STS ticket from `getstsToken`, a `PUT` of the bytes to
 * Qwen's OSS bucket signed with the ticket's temporary keys (OSS V4), and for documents a parse
 * request, polled until Qwen has read the file. Every rejection is a classified `GatewayError`.
 *
 * The bucket's URL comes from Qwen itself, never from a client, so it is fetched without the
 * SSRF guard that client URLs pass.
 */
export class QwenFileUploader {
  readonly options: Readonly<QwenClientOptions>;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;

  constructor(
    options: Partial<QwenClientOptions> = {},
    private readonly parseTiming: DocumentParseTiming = defaultParseTiming,
  ) {
    this.options = Object.freeze(resolveQwenClientOptions(options));
    this.ownsDispatcher = this.options.dispatcher === undefined;
    this.dispatcher = this.options.dispatcher ?? new Agent({ connect: { timeout: this.options.connectTimeoutMs } });
  }

  async upload(credentials: QwenCredentials, input: QwenUploadInput, signal?: AbortSignal): Promise<QwenUploadedFile> {
    // One span for the three calls (STS ticket, OSS PUT, parse): together they are one upload.
    const span = startSpan(
      'qwen upload',
      input.traceContext,
      { 'gen_ai.provider.name': 'qwen-web', 'qwen_proxy.upload.media_type': input.mediaType, 'qwen_proxy.upload.bytes': input.bytes.byteLength },
      SpanKind.CLIENT,
    );
    try {
      return await this.uploadOnce(credentials, input, signal);
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
  }

  private async uploadOnce(credentials: QwenCredentials, input: QwenUploadInput, signal?: AbortSignal): Promise<QwenUploadedFile> {
    const fileType = uploadFileTypeOf(input.mediaType);
    const ticket = await this.requestTicket(credentials, { filename: input.filename, filesize: input.bytes.byteLength, filetype: fileType }, signal);
    await this.putObject(ticket, input, signal);
    if (needsParsing(fileType)) await this.parseDocument(credentials, ticket.fileId, signal);
    return {
      fileId: ticket.fileId,
      fileUrl: ticket.fileUrl,
      filename: input.filename,
      size: input.bytes.byteLength,
      mediaType: input.mediaType,
      fileType,
      uploadedAt: Date.now(),
    };
  }

  /** Closes the connection pool the uploader made for itself (a dispatcher passed in stays open). */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private async requestTicket(
    credentials: QwenCredentials,
    body: { filename: string; filesize: number; filetype: string },
    signal?: AbortSignal,
  ): Promise<QwenUploadTicket> {
    const answer = await this.post(credentials, '/api/v2/files/getstsToken', body, signal);
    const ticket = parseUploadTicket(answer);
    if (!ticket) throw unexpectedResponseError('an upload ticket without the fields an upload needs', JSON.stringify(answer));
    return ticket;
  }

  private async putObject(ticket: QwenUploadTicket, input: QwenUploadInput, signal?: AbortSignal): Promise<void> {
    const target = new URL(ticket.fileUrl);
    // The query is Qwen's signed download link; the upload is signed by its headers instead.
    target.search = '';
    target.hash = '';
    const signed = signOssRequest({
      method: 'PUT',
      bucket: ticket.bucketName,
      objectKey: objectKeyOf(ticket),
      headers: { 'Content-Type': input.mediaType },
      credentials: { accessKeyId: ticket.accessKeyId, accessKeySecret: ticket.accessKeySecret, securityToken: ticket.securityToken },
      region: signingRegionOf(ticket.region),
      now: new Date(),
    });
    let status: number;
    let bodyText: string;
    try {
      const response = await request(target, {
        method: 'PUT',
        headers: { ...signed.headers, 'User-Agent': this.options.userAgent },
        body: input.bytes,
        signal,
        dispatcher: this.dispatcher,
        headersTimeout: this.options.firstByteTimeoutMs,
        bodyTimeout: this.options.idleTimeoutMs,
      });
      status = response.statusCode;
      bodyText = await readBodyText(response.body, maxOssErrorBytes);
    } catch (error) {
      throw classifyTransportError(error, { baseUrl: target.origin, timeouts: this.options });
    }
    if (status < 200 || status >= 300) throw ossUploadFailure(status, bodyText);
  }

  /** Asks Qwen to read the document, then waits until it says it has (a model cannot see it before). */
  private async parseDocument(credentials: QwenCredentials, fileId: string, signal?: AbortSignal): Promise<void> {
    await this.post(credentials, '/api/v2/files/parse', { file_id: fileId }, signal);
    const deadline = Date.now() + this.parseTiming.timeoutMs;
    for (;;) {
      const status = await this.parseStatus(credentials, fileId, signal);
      if (status === 'success' || status === undefined) return;
      if (status === 'failed' || status === 'error') {
        throw new BadRequestError(`Qwen could not read the attached document (parse status "${status}"). Check that the file is not damaged or protected.`, {
          code: 'qwen_file_parse_failed',
          retryable: false,
          details: { fileId },
        });
      }
      if (Date.now() >= deadline) {
        throw new GatewayTimeoutError(`Qwen did not finish reading the attached document within ${Math.round(this.parseTiming.timeoutMs / 1000)} s. Retry, or send a smaller file.`, {
          code: 'qwen_timeout',
          retryable: true,
          details: { timeout: 'document-parse', fileId },
        });
      }
      await delay(this.parseTiming.pollIntervalMs, undefined, { signal });
    }
  }

  /** The parse status, or undefined when Qwen has no status endpoint (then the parse call was enough). */
  private async parseStatus(credentials: QwenCredentials, fileId: string, signal?: AbortSignal): Promise<string | undefined> {
    let answer: unknown;
    try {
      answer = await this.post(credentials, '/api/v2/files/parse/status', { file_id_list: [fileId] }, signal);
    } catch (error) {
      if (isGatewayError(error) && error.status === 404) return undefined;
      throw error;
    }
    const rows = parseStatusSchema.safeParse(answer).data?.data ?? [];
    const row = rows.find((candidate) => candidate.file_id === fileId) ?? rows[0];
    return row?.status?.toLowerCase() ?? undefined;
  }

  private post(credentials: QwenCredentials, path: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    return postQwenJson({ options: this.options, dispatcher: this.dispatcher, credentials, path, body, requestId: randomUUID(), signal });
  }
}
