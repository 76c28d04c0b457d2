import { parseJson, toGatewayError } from '@qwen-proxy/contracts';
import type { EmbeddingAnswer, EmbeddingRequest } from '../embedding-provider';
import { embeddingUsageOf, openAiEmbeddingListSchema } from './openai-embedding.schema';
import { type UpstreamIdentity, upstreamHttpError, upstreamInvalidResponseError } from './upstream-error.mapping';
import type { UpstreamExchange, UpstreamTransport } from './upstream-transport';

/** Enough for any error page worth reading. */
const maximumErrorBodyBytes = 64 * 1024;
/** 2048 inputs of 3072 floats as JSON text are about 120 MB; more than that is a runaway. */
const maximumEmbeddingBodyBytes = 160 * 1024 * 1024;

/**
 * One `POST /embeddings` on an OpenAI-compatible upstream: the client's body with the upstream's
 * model name, and the upstream's JSON answer as it came. Rejects with a GatewayError only.
 */
export async function requestEmbeddings(
  dependencies: { transport: Pick<UpstreamTransport, 'send'>; identity: UpstreamIdentity },
  request: EmbeddingRequest,
  upstreamModel: string,
  signal?: AbortSignal,
): Promise<EmbeddingAnswer> {
  const { transport, identity } = dependencies;
  const exchange: UpstreamExchange = await transport.send({
    method: 'POST',
    path: '/embeddings',
    body: { ...request.body, model: upstreamModel },
    accept: 'application/json',
    signal,
    // The first byte of a JSON answer comes when the whole answer is ready: the total timeout's business.
    firstByteTimeout: false,
  });
  try {
    if (exchange.status < 200 || exchange.status >= 300) {
      const bodyText = await exchange.text(maximumErrorBodyBytes);
      throw upstreamHttpError({ status: exchange.status, headers: exchange.headers, bodyText }, identity);
    }
    const json = parseJson(await exchange.text(maximumEmbeddingBodyBytes));
    if (!json.success) throw upstreamInvalidResponseError(`an embeddings answer that is ${json.reason}`, identity);
    const list = openAiEmbeddingListSchema.safeParse(json.value);
    if (!list.success) throw upstreamInvalidResponseError('an embeddings answer without a `data` list of objects', identity);
    return { body: json.value as Record<string, unknown>, usage: embeddingUsageOf(list.data), provider: identity.providerId };
  } catch (error) {
    throw toGatewayError(error);
  } finally {
    exchange.close();
  }
}
