import { Injectable } from '@nestjs/common';
import { type TokenUsage, toGatewayError } from '@qwen-proxy/contracts';
import type { EmbeddingAnswer } from '@qwen-proxy/providers';
import { estimatePromptTokens } from '../api-keys/request-token-estimate';
import { TokenBudgetLedger } from '../api-keys/token-budget-ledger';
import { RequestRecorder } from '../recording/request-recorder';
import { RouterService } from '../router/router.service';
import { summarizeEmbeddingAnswer } from './embedding-log-summary';

export interface EmbeddingContext {
  requestId: string;
  userAgent?: string;
  apiKeyId?: string;
  /** Aborted when the client hangs up: the upstream request is given up. */
  signal: AbortSignal;
}

export interface EmbeddingReply {
  /** The upstream's answer, its `model` the name the client asked for. */
  body: Record<string, unknown>;
  /** The id of the provider that answered, and the name a person gave it. */
  provider: string;
  providerName: string;
}

/**
 * `POST /v1/embeddings` on the router: the client's body to the first provider of the model's
 * route that can embed, falling back on retryable failures; one request row with the input tokens
 * as prompt tokens (what a key's token budget is charged), and the vectors left out of the log.
 */
@Injectable()
export class EmbeddingsService {
  constructor(
    private readonly router: RouterService,
    private readonly recorder: RequestRecorder,
    private readonly budgets: TokenBudgetLedger,
  ) {}

  async create(body: Record<string, unknown>, context: EmbeddingContext): Promise<EmbeddingReply> {
    const model = String(body['model']);
    // The key's budget reservation is settled by this recording, with the tokens really used.
    const reservation = this.budgets.reservationOf(context.requestId);
    if (reservation) this.budgets.markRecorded(context.requestId);
    const recording = this.recorder.begin({
      requestId: context.requestId,
      listener: 'router',
      surface: 'embeddings',
      model,
      stream: false,
      messageCount: inputCountOf(body['input']),
      clientUserAgent: context.userAgent,
      body,
      apiKeyId: context.apiKeyId,
      promptTokens: reservation?.promptTokens,
    });
    let answer: EmbeddingAnswer;
    try {
      answer = await this.router.embed({ model, body }, { requestId: context.requestId, signal: context.signal, onAttempt: (attempt) => recording.addAttempt(attempt) });
    } catch (caught) {
      const error = toGatewayError(caught);
      const cancelled = context.signal.aborted;
      await recording.endDurably({ statusCode: cancelled ? 499 : error.status, cancelled, error });
      throw error;
    }
    recording.observe({ type: 'usage', usage: answer.usage ?? estimatedUsage(body, reservation?.promptTokens) });
    recording.summarizeAnswer(summarizeEmbeddingAnswer(answer.body));
    await recording.endDurably({ statusCode: 200, cancelled: false });
    return { body: { ...answer.body, model }, provider: answer.provider, providerName: this.router.providerName(answer.provider) };
  }
}

/** How many vectors the request asks for: the log's "messages" column. */
function inputCountOf(input: unknown): number {
  if (!Array.isArray(input)) return 1;
  // A flat list of token ids is one input.
  return input.every((item) => typeof item === 'number') ? 1 : input.length;
}

/** For an upstream that counts nothing: the input as the budget counted it, marked estimated. */
function estimatedUsage(body: Record<string, unknown>, admitted: number | undefined): TokenUsage {
  const inputTokens = admitted ?? estimatePromptTokens(body);
  return { inputTokens, outputTokens: 0, totalTokens: inputTokens, estimated: true, estimatedBy: 'o200k' };
}
