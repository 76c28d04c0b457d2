import { Agent, request, type Dispatcher } from 'undici';
import { causeChainOf, errorCodesOf } from '@qwen-proxy/contracts';
import { PublicAddressPolicy, type AddressPolicy } from './address-policy';
import { FetchRefusedError, formatMegabytes } from './fetch-refusal';
import { AddressRefusedError, guardedConnector, type HostLookup } from './guarded-connector';

export interface RemoteFileFetcherOptions {
  /** Default: public addresses only. */
  policy?: AddressPolicy;
  /** Default: the system resolver. */
  lookup?: HostLookup;
  /** Largest file taken, counted as it streams (default 20 MB). */
  maxBytes?: number;
  /** The whole fetch, redirects included (default 30 s). */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  /** Redirects followed, each one re-checked (default 5). */
  maxRedirects?: number;
}

/** What to accept: media types (lower case, no parameters) and how to call them in a message. */
export interface AcceptedContent {
  mediaTypes: readonly string[];
  description: string;
}

export interface FetchedFile {
  bytes: Buffer;
  /** The response's media type, lower case, without parameters. */
  mediaType: string;
  /** Where the file was finally found, after redirects. */
  url: string;
  /** The last path segment, when there is one. */
  filename?: string;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/**
 * Fetches a URL a client handed over (an `image_url`), guarded against SSRF: only http(s),
 * every connection checked by the address policy at connect time, redirects followed by hand
 * so each hop is checked again, a size cap counted while streaming, a media type allowlist and
 * one deadline for the whole fetch. Every refusal is a `FetchRefusedError` naming the reason.
 */
export class RemoteFileFetcher {
  /** The policy every connection asks; public so tests can see (or spy on) what it decides. */
  readonly policy: AddressPolicy;
  readonly maxBytes: number;
  private readonly timeoutMs: number;
  private readonly maxRedirects: number;
  private readonly agent: Agent;

  constructor(options: RemoteFileFetcherOptions = {}) {
    this.policy = options.policy ?? new PublicAddressPolicy();
    this.maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRedirects = options.maxRedirects ?? 5;
    this.agent = new Agent({
      // A wrapper, so a test that replaces the policy's method is asked too.
      connect: guardedConnector({ policy: { refusalFor: (address, target) => this.policy.refusalFor(address, target) }, lookup: options.lookup, connectTimeoutMs: options.connectTimeoutMs ?? 10_000 }),
    });
  }

  async fetch(url: string, accepted: AcceptedContent, signal?: AbortSignal): Promise<FetchedFile> {
    const deadline = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
    let current = parseFetchableUrl(url);
    for (let redirects = 0; ; redirects++) {
      const response = await this.get(current, accepted, combined, signal);
      if (redirectStatuses.has(response.statusCode)) {
        await response.body.dump();
        const location = headerOf(response.headers, 'location');
        if (!location) throw new FetchRefusedError('http-status', `${current.host} answered HTTP ${response.statusCode} without a Location`);
        if (redirects >= this.maxRedirects) throw new FetchRefusedError('too-many-redirects', `more than ${this.maxRedirects} redirects`);
        current = parseFetchableUrl(new URL(location, current).href);
        continue;
      }
      return await this.readAnswer(current, response, accepted, combined, signal);
    }
  }

  async close(): Promise<void> {
    // Closing twice would reject (undici: "the client is destroyed"); a second close is a no-op.
    if (this.agent.closed || this.agent.destroyed) return;
    await this.agent.close();
  }

  private async get(url: URL, accepted: AcceptedContent, combined: AbortSignal, callerSignal?: AbortSignal): Promise<Dispatcher.ResponseData> {
    try {
      return await request(url, {
        method: 'GET',
        headers: { accept: accepted.mediaTypes.join(', '), 'user-agent': 'qwen-proxy (attachment fetcher)' },
        dispatcher: this.agent,
        signal: combined,
      });
    } catch (error) {
      throw this.refusalFor(error, url, callerSignal, combined);
    }
  }

  private async readAnswer(
    url: URL,
    response: Dispatcher.ResponseData,
    accepted: AcceptedContent,
    combined: AbortSignal,
    callerSignal?: AbortSignal,
  ): Promise<FetchedFile> {
    const fail = async (error: FetchRefusedError): Promise<never> => {
      // Destroying the body makes it emit its abort; nobody else is listening any more.
      response.body.on('error', () => undefined).destroy();
      throw error;
    };
    if (response.statusCode < 200 || response.statusCode >= 300) {
      return fail(new FetchRefusedError('http-status', `${url.host} answered HTTP ${response.statusCode}`));
    }
    const mediaType = (headerOf(response.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!accepted.mediaTypes.includes(mediaType)) {
      return fail(new FetchRefusedError('wrong-type', `it is served as ${mediaType || 'an unknown type'}, not ${accepted.description}`));
    }
    const declaredLength = Number(headerOf(response.headers, 'content-length'));
    if (declaredLength > this.maxBytes) return fail(this.tooLarge());
    const chunks: Buffer[] = [];
    let received = 0;
    try {
      for await (const chunk of response.body) {
        received += (chunk as Buffer).byteLength;
        if (received > this.maxBytes) return fail(this.tooLarge());
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      throw this.refusalFor(error, url, callerSignal, combined);
    }
    const filename = decodeURIComponent(url.pathname.split('/').pop() ?? '') || undefined;
    return { bytes: Buffer.concat(chunks), mediaType, url: url.href, ...(filename ? { filename } : {}) };
  }

  private tooLarge(): FetchRefusedError {
    return new FetchRefusedError('too-large', `it is larger than the ${formatMegabytes(this.maxBytes)} allowed`);
  }

  /** A failure below HTTP, in the client's terms; the client's own cancellation passes through. */
  private refusalFor(error: unknown, url: URL, callerSignal?: AbortSignal, combined?: AbortSignal): unknown {
    if (callerSignal?.aborted) return error;
    const refused = causeChainOf(error).find((candidate): candidate is AddressRefusedError => candidate instanceof AddressRefusedError);
    if (refused) return new FetchRefusedError('forbidden-address', `${refused.reason}; only public addresses are fetched`);
    const codes = errorCodesOf(error);
    if ((combined ?? callerSignal)?.aborted || codes.some((code) => /TIMEOUT/.test(code)) || isTimeout(error)) {
      return new FetchRefusedError('timeout', `${url.host} did not deliver it within ${Math.round(this.timeoutMs / 1000)} s`);
    }
    const code = codes.find((candidate) => !candidate.startsWith('UND_ERR_')) ?? codes[0] ?? 'network error';
    return new FetchRefusedError('unreachable', `${url.host} could not be reached (${code})`);
  }
}

/** Only absolute http(s) URLs without credentials are fetched. */
function parseFetchableUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FetchRefusedError('unsupported-url', 'it is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchRefusedError('unsupported-url', `${url.protocol} URLs are not fetched; use http(s) or a data: URI`);
  }
  if (url.username || url.password) throw new FetchRefusedError('unsupported-url', 'URLs with credentials are not fetched');
  return url;
}

function headerOf(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || (error.name === 'AbortError' && /timeout/i.test(String(error.message))));
}
