import { Pool, ProxyAgent } from 'undici';

/** The code a failure of an account's proxy carries (on the error or its cause), for classification. */
export const proxyFailureCode = 'QWEN_PROXY_FAILED';

export interface AccountProxyOptions {
  /** Time allowed to open the TCP (or TLS) connection to the proxy. */
  connectTimeoutMs: number;
  /** Time allowed for the proxy to answer CONNECT (open the tunnel to Qwen). */
  tunnelTimeoutMs: number;
}

/** A proxy URL fit for messages and logs: its credentials are never shown. */
export function maskProxyUrl(proxyUrl: string): string {
  try {
    const url = new URL(proxyUrl);
    if (url.username || url.password) {
      url.username = '***';
      url.password = '';
    }
    return `${url.protocol}//${url.username ? '***@' : ''}${url.host}`;
  } catch {
    return 'the configured proxy';
  }
}

/**
 * An error of the proxy itself (refused, unreachable, silent, or answering CONNECT with an
 * error status), tagged so that classification tells it from a failure of Qwen: the account,
 * not Qwen, is at fault, and another account can take the request.
 */
export class ProxyFailure extends Error {
  readonly code = proxyFailureCode;

  constructor(
    message: string,
    readonly proxy: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'ProxyFailure';
  }
}

/**
 * undici's ProxyAgent waits for a CONNECT answer as long as any request (300 s by default) and
 * reports a refused proxy like a refused Qwen. This pool to the proxy bounds the CONNECT and
 * tags its failures.
 */
class TunnelTimedPool extends Pool {
  constructor(
    origin: string | URL,
    options: Pool.Options,
    private readonly proxy: string,
    private readonly tunnelTimeoutMs: number,
  ) {
    super(origin, options);
  }

  override connect(options: Parameters<Pool['connect']>[0], callback?: Parameters<Pool['connect']>[1]): never;
  override connect(options: Parameters<Pool['connect']>[0]): ReturnType<Pool['connect']>;
  override connect(options: Parameters<Pool['connect']>[0], callback?: Parameters<Pool['connect']>[1]): unknown {
    if (callback) return super.connect(options, callback);
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.tunnelTimeoutMs);
    timer.unref();
    const signal = options.signal ? AbortSignal.any([options.signal as AbortSignal, timeout.signal]) : timeout.signal;
    return super.connect({ ...options, signal }).then(
      (answer) => {
        clearTimeout(timer);
        if (answer.statusCode === 200) return answer;
        answer.socket.on('error', () => undefined).destroy();
        throw new ProxyFailure(`The account's proxy ${this.proxy} refused to open a tunnel to Qwen (HTTP ${answer.statusCode}).`, this.proxy);
      },
      (error: unknown) => {
        clearTimeout(timer);
        // A caller's abort stays an abort: the client hung up, the proxy is not at fault.
        if ((options.signal as AbortSignal | undefined)?.aborted) throw error;
        if (timeout.signal.aborted) {
          throw new ProxyFailure(`The account's proxy ${this.proxy} did not answer CONNECT within ${this.tunnelTimeoutMs} ms.`, this.proxy, error);
        }
        if (error instanceof ProxyFailure) throw error;
        const code = (error as { code?: unknown }).code;
        throw new ProxyFailure(`Cannot reach the account's proxy ${this.proxy}${typeof code === 'string' ? ` (${code})` : ''}.`, this.proxy, error);
      },
    );
  }
}

/** The dispatcher of an account behind `proxyUrl`: bounded connect and CONNECT, failures tagged as the proxy's. */
export function createAccountProxyAgent(proxyUrl: string, options: AccountProxyOptions): ProxyAgent {
  const proxy = maskProxyUrl(proxyUrl);
  return new ProxyAgent({
    uri: proxyUrl,
    // The connector of the pool to the proxy: bounds the TCP (and TLS) connection to it.
    proxyTls: { timeout: options.connectTimeoutMs },
    clientFactory: (origin, clientOptions) => new TunnelTimedPool(origin, clientOptions as Pool.Options, proxy, options.tunnelTimeoutMs),
  });
}
