import { createHash, randomUUID } from 'node:crypto';
import { BadRequestError, type ChatMessage, type TraceContext } from '@qwen-proxy/contracts';
import { buildFileAttachment, type QwenFileAttachment, type QwenUploadedFile } from '@qwen-proxy/qwen';
import type { QwenAccountLease } from '../qwen-web/account-source';
import type { AttachmentPreparationOptions, AttachmentPreparer } from '../qwen-web/attachment-preparer';
import { attachmentPartsOf, type AttachmentPart } from './attachment-parts';
import { decodeBase64, decodeDataUrl, isDataUrl } from './data-url';
import { acceptedDocumentTypes, isDocumentType, mediaTypeOfFilename } from './document-types';
import { FetchRefusedError } from './fetch-refusal';
import { acceptedImageTypes, extensionOf, sniffImageType } from './image-type-sniffing';
import type { RemoteFileFetcher } from './remote-file-fetcher';
import { UploadCache, uploadCacheKey } from './upload-cache';
import type { FileUploading } from './uploader-selection';

export interface QwenAttachmentPreparerOptions {
  /** The uploader for an account (its own proxy's, when it has one). */
  uploaderFor: (lease: QwenAccountLease) => FileUploading;
  /** Fetches `http(s)` URLs behind the SSRF guard; its size limit applies to data URIs too. */
  fetcher: Pick<RemoteFileFetcher, 'fetch' | 'maxBytes'>;
  cache?: UploadCache<QwenUploadedFile>;
  newId?: () => string;
}

/** A part's bytes, ready to upload. */
interface LoadedFile {
  bytes: Buffer;
  mediaType: string;
  filename: string;
  sha256: string;
}

/** Servers that do not know better send images as `application/octet-stream`; the bytes decide then. */
const genericBinaryTypes = ['application/octet-stream', 'binary/octet-stream'];
const imageDescription = 'a PNG, JPEG, GIF or WebP image';

/**
 * The images (`image_url`, data URIs and http(s) URLs) and documents of the messages a turn
 * sends, uploaded to the account's Qwen storage and described as the web UI attaches them.
 * Same bytes on the same account within the cache's lifetime: one upload. Anything that cannot
 * be used is a 400 naming the part and why.
 */
export class QwenAttachmentPreparer implements AttachmentPreparer {
  private readonly cache: UploadCache<QwenUploadedFile>;
  private readonly newId: () => string;

  constructor(private readonly options: QwenAttachmentPreparerOptions) {
    this.cache = options.cache ?? new UploadCache();
    this.newId = options.newId ?? randomUUID;
  }

  async prepare(
    messages: readonly ChatMessage[],
    lease: QwenAccountLease,
    signal: AbortSignal,
    options: AttachmentPreparationOptions = {},
  ): Promise<QwenFileAttachment[]> {
    const parts = attachmentPartsOf(messages, options.firstMessageIndex);
    if (parts.length === 0) return [];
    const loaded = await Promise.all(parts.map((part) => this.load(part, signal)));
    // The same picture twice in one request is one attachment.
    const unique = [...new Map(loaded.map((file) => [file.sha256, file])).values()];
    const uploader = this.options.uploaderFor(lease);
    const uploaded = await Promise.all(
      unique.map((file) =>
        this.cache.getOrCreate(uploadCacheKey(lease.id, file.sha256), () =>
          uploader.upload(
            lease.credentials,
            { bytes: file.bytes, filename: file.filename, mediaType: file.mediaType, traceContext: options.traceContext },
            signal,
          ),
        ),
      ),
    );
    return uploaded.map((file) => buildFileAttachment(file, { newId: this.newId }));
  }

  async uploadDocument(
    text: string,
    filename: string,
    lease: QwenAccountLease,
    signal: AbortSignal,
    traceContext?: TraceContext,
  ): Promise<QwenFileAttachment> {
    const file = withHash({ bytes: Buffer.from(text, 'utf8'), mediaType: 'text/plain', filename });
    const uploader = this.options.uploaderFor(lease);
    // An agent resends the same context turn after turn: one upload while it stays the same.
    const uploaded = await this.cache.getOrCreate(uploadCacheKey(lease.id, file.sha256), () =>
      uploader.upload(lease.credentials, { bytes: file.bytes, filename: file.filename, mediaType: file.mediaType, traceContext }, signal),
    );
    return buildFileAttachment(uploaded, { newId: this.newId });
  }

  private async load(part: AttachmentPart, signal: AbortSignal): Promise<LoadedFile> {
    try {
      return part.kind === 'image' ? await this.loadImage(part.part.url, signal) : await this.loadFile(part.part, signal);
    } catch (error) {
      if (error instanceof FetchRefusedError) throw refusal(part, error);
      throw error;
    }
  }

  private async loadImage(url: string, signal: AbortSignal): Promise<LoadedFile> {
    const { maxBytes } = this.options.fetcher;
    const source = isDataUrl(url)
      ? { ...decodeDataUrl(url, maxBytes), filename: undefined }
      : await this.options.fetcher.fetch(url, { mediaTypes: [...acceptedImageTypes, ...genericBinaryTypes], description: imageDescription }, signal);
    const mediaType = sniffImageType(source.bytes);
    if (!mediaType) {
      throw new FetchRefusedError('wrong-type', `its content is not ${imageDescription}${source.mediaType ? ` (declared ${source.mediaType})` : ''}`);
    }
    return withHash({ bytes: source.bytes, mediaType, filename: namedFile(source.filename, mediaType, 'image') });
  }

  private async loadFile(part: Extract<AttachmentPart, { kind: 'file' }>['part'], signal: AbortSignal): Promise<LoadedFile> {
    const { maxBytes } = this.options.fetcher;
    let source: { bytes: Buffer; mediaType?: string; filename?: string };
    if (part.data !== undefined) {
      source = isDataUrl(part.data) ? decodeDataUrl(part.data, maxBytes) : { bytes: decodeBase64(part.data, maxBytes) };
    } else if (part.url !== undefined) {
      const accepted = [...acceptedDocumentTypes, ...acceptedImageTypes, ...genericBinaryTypes];
      source = isDataUrl(part.url)
        ? decodeDataUrl(part.url, maxBytes)
        : await this.options.fetcher.fetch(part.url, { mediaTypes: accepted, description: 'a document or an image' }, signal);
    } else {
      throw new FetchRefusedError('invalid-data', 'the file part carries neither data nor a URL');
    }
    const sniffed = sniffImageType(source.bytes);
    const declared = [source.mediaType, part.mediaType].find((type) => type && !genericBinaryTypes.includes(type));
    const mediaType = sniffed ?? declared ?? mediaTypeOfFilename(part.filename ?? source.filename);
    if (!mediaType || (!sniffed && !isDocumentType(mediaType))) {
      throw new FetchRefusedError('wrong-type', `its type ${mediaType ?? '(unknown)'} is not a document Qwen reads (PDF, Office, text, CSV, JSON) nor ${imageDescription}`);
    }
    return withHash({ bytes: source.bytes, mediaType, filename: namedFile(part.filename ?? source.filename, mediaType, 'document') });
  }
}

function withHash(file: Omit<LoadedFile, 'sha256'>): LoadedFile {
  return { ...file, sha256: createHash('sha256').update(file.bytes).digest('hex') };
}

/** A name with the right extension: Qwen shows it, and guesses types from it. */
function namedFile(filename: string | undefined, mediaType: string, fallback: string): string {
  const extension = extensionOf(mediaType);
  const base = filename?.replace(/[/\\]/g, '_').trim();
  if (!base) return `${fallback}.${extension}`;
  return mediaTypeOfFilename(base) === undefined && extension !== 'bin' ? `${base}.${extension}` : base;
}

function refusal(part: AttachmentPart, error: FetchRefusedError): BadRequestError {
  const what = part.kind === 'image' ? 'image' : 'file';
  const source = part.kind === 'image' ? part.part.url : (part.part.url ?? part.part.data ?? '');
  const isInline = isDataUrl(source) || (part.kind === 'file' && part.part.data !== undefined);
  const where = isInline ? `The ${what} data at ${part.param}` : `The ${what} URL at ${part.param}`;
  return new BadRequestError(`${where} was refused: ${error.message}.`, {
    code: part.kind === 'image' ? 'image_url_refused' : 'file_refused',
    param: part.param,
    retryable: false,
    details: { reason: error.reason },
    cause: error,
  });
}
