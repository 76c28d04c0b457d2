import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AttemptReport, ChatEvent, GatewayError, TokenUsage, UnknownUpstreamShape } from '@qwen-proxy/contracts';
import type { RequestEntity, ResponseEntity } from '@qwen-proxy/persistence';
import { countTextTokens } from '@qwen-proxy/providers';
import { TokenBudgetLedger } from '../api-keys/token-budget-ledger';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { StatusEvents } from '../events/status-events';
import { MetricsService } from '../metrics/metrics.service';
import { SettingsService } from '../settings/settings.service';
import { redactBody } from './redaction';
import { RecordWriter } from './record-writer';

export interface RequestContext {
  requestId: string;
  listener: 'proxy' | 'router';
  surface: string;
  model: string;
  stream: boolean;
  messageCount: number;
  clientUserAgent?: string;
  body?: unknown;
  /** Who answers when no event says otherwise (a failure before the answer began). */
  provider?: string;
  /** The client API key that made the request, for the key's token budget. */
  apiKeyId?: string;
  /** The prompt tokens counted at admission (token budgets), charged with a hang-up's delivered tokens. */
  promptTokens?: number;
}

export interface RecordingEnd {
  statusCode: number;
  cancelled: boolean;
  error?: GatewayError;
}

/**
 * One request's record, built while its events pass: time to first token, usage, finish,
 * provider and account. `end` is idempotent: the first call writes the one response row.
 */
export class Recording {
  private readonly startedAt = Date.now();
  private readonly startedMonotonic = performance.now();
  private firstTokenMs?: number;
  private usage?: TokenUsage;
  private finishReason?: string;
  private truncated = false;
  private error?: GatewayError;
  private answer = '';
  private reasoning = '';
  /**
   * Everything delivered (text, reasoning, tool calls) to a client with an API key: a hang-up
   * with no usage is charged for it. Not kept in open mode, where nothing is charged (and a
   * thousand streams would hold their whole answers for nothing).
   */
  private readonly delivered?: string[];
  private ended = false;
  private provider: string | null = null;
  private credentialId: string | null = null;
  private sessionId: string | null = null;
  private readonly attempts: AttemptReport[] = [];
  /** A surface's own summary of its answer (embeddings: no vectors), instead of the answer text. */
  private answerSummary?: object;
  private readonly unknownShapes: UnknownUpstreamShape[] = [];

  constructor(
    private readonly context: RequestContext,
    private readonly writer: RecordWriter,
    private readonly logBodies: boolean,
    private readonly onEnd?: (request: RequestEntity, response: ResponseEntity) => void,
    private readonly onUnknownShape?: (provider: string | null, shape: UnknownUpstreamShape) => void,
  ) {
    this.provider = context.provider ?? null;
    if (context.apiKeyId) this.delivered = [];
  }

  observe(event: ChatEvent): void {
    switch (event.type) {
      case 'response-start':
        this.provider = event.provider;
        this.credentialId = event.account ?? null;
        this.sessionId = event.sessionId ?? null;
        break;
      case 'text-delta':
      case 'reasoning-delta':
        this.firstTokenMs ??= Math.round(performance.now() - this.startedMonotonic);
        this.delivered?.push(event.text);
        if (this.logBodies) {
          if (event.type === 'text-delta') this.answer += event.text;
          else this.reasoning += event.text;
        }
        break;
      case 'tool-call-start':
        this.firstTokenMs ??= Math.round(performance.now() - this.startedMonotonic);
        this.delivered?.push(event.name);
        break;
      case 'tool-call-delta':
        this.delivered?.push(event.argumentsDelta);
        break;
      case 'usage':
        this.usage = event.usage;
        break;
      case 'finish':
        // A stream cut early reaches every client as `length`: the log says what the client saw.
        this.finishReason = event.truncated ? 'length' : event.reason;
        this.truncated = event.truncated;
        break;
      case 'error':
        this.error = event.error;
        break;
      default:
        break;
    }
  }

  /**
   * Something the upstream sent that its parser did not know: counted every time, kept (at most
   * `maxUnknownShapesPerRequest`, already redacted and bounded by the provider) with the request.
   * Kept even when body logging is off: it is what a person needs to report a protocol change.
   */
  addUnknownShape(shape: UnknownUpstreamShape): void {
    this.onUnknownShape?.(this.provider, shape);
    if (this.unknownShapes.length < maxUnknownShapesPerRequest) this.unknownShapes.push(shape);
  }

  /**
   * The answer's body as the log keeps it, for a surface whose answer is no text (embeddings);
   * kept only when bodies are logged, like the answer text.
   */
  summarizeAnswer(summary: object): void {
    this.answerSummary = summary;
  }

  /** The router's report of one provider tried. */
  addAttempt(attempt: AttemptReport): void {
    this.attempts.push(attempt);
    this.provider = attempt.provider;
  }

  /**
   * Ends the record and resolves once its rows are committed (or after `maxWaitMs`, so a stalled
   * database delays an answer's last bytes by that much at most). Called before the last bytes of
   * an answer go out: a client that received a whole answer finds it in the log even if the
   * process is killed right after (the crash test found answers lost in the batching window).
   */
  async endDurably(outcome: RecordingEnd, maxWaitMs = 2000): Promise<void> {
    this.end(outcome);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.writer.flush(), new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)))]);
    clearTimeout(timer);
  }

  /**
   * What an answer that ended without a usage report (the client hung up before the last frame)
   * used: the prompt counted at admission plus every token delivered. Without it, reading an
   * answer and hanging up before the end would cost a key's budget nothing.
   */
  private deliveredUsage(): TokenUsage | undefined {
    if (!this.delivered?.length) return undefined;
    const inputTokens = this.context.promptTokens ?? 0;
    const outputTokens = countTextTokens(this.delivered.join(''));
    return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens, estimated: true, estimatedBy: 'o200k' };
  }

  private loggedAnswer(): object | null {
    if (this.answerSummary) return this.answerSummary;
    return this.answer || this.reasoning ? { content: this.answer, reasoning: this.reasoning || undefined } : null;
  }

  end(outcome: RecordingEnd): void {
    if (this.ended) return;
    this.ended = true;
    const error = outcome.error ?? this.error;
    const usage = this.usage ?? this.deliveredUsage();
    const request: RequestEntity = {
      id: this.context.requestId,
      listener: this.context.listener,
      surface: this.context.surface,
      model: this.context.model,
      stream: this.context.stream,
      messageCount: this.context.messageCount,
      provider: this.provider,
      credentialId: this.credentialId,
      sessionId: this.sessionId,
      clientUserAgent: this.context.clientUserAgent?.slice(0, 500) ?? null,
      body: this.logBodies ? (redactBody(this.context.body) as object) : null,
      apiKeyId: this.context.apiKeyId ?? null,
      upstreamUnknownShapes: this.unknownShapes.length ? this.unknownShapes : null,
      startedAt: this.startedAt,
    };
    const response: ResponseEntity = {
      requestId: this.context.requestId,
      statusCode: outcome.statusCode,
      finishReason: this.finishReason ?? null,
      truncated: this.truncated,
      cancelled: outcome.cancelled,
      errorCode: error?.code ?? null,
      errorMessage: error?.message ?? null,
      promptTokens: usage?.inputTokens ?? null,
      completionTokens: usage?.outputTokens ?? null,
      totalTokens: usage?.totalTokens ?? null,
      reasoningTokens: usage?.reasoningTokens ?? null,
      usageEstimated: usage?.estimated ?? false,
      usageTokenizer: usage?.estimated ? (usage.estimatedBy ?? null) : null,
      timeToFirstTokenMs: this.firstTokenMs ?? null,
      durationMs: Math.round(performance.now() - this.startedMonotonic),
      attempts: this.attempts.length ? this.attempts : null,
      body: this.logBodies ? this.loggedAnswer() : null,
      completedAt: Date.now(),
    };
    logOutcome(request, response);
    // The request row is written with the response, not before: one batch, no half-recorded pair.
    this.writer.enqueueRequest(request);
    this.writer.enqueueResponse(response);
    this.onEnd?.(request, response);
  }
}

/** Across attempts (accounts, providers) of one request, as many as one attempt may send. */
const maxUnknownShapesPerRequest = 5;

const requestLogger = new Logger('Requests');

/** One line per request, never with bodies or credentials. */
function logOutcome(request: RequestEntity, response: ResponseEntity): void {
  const outcome = response.cancelled ? 'cancelled' : response.errorCode ? response.errorCode : (response.finishReason ?? '');
  const line = `${request.id} ${request.listener} ${request.surface} ${request.model || '-'} ${request.stream ? 'stream ' : ''}→ ${response.statusCode} ${outcome} ${response.durationMs}ms${response.totalTokens !== null ? ` ${response.totalTokens} tokens` : ''}`;
  if (response.statusCode >= 500) requestLogger.warn(line);
  else requestLogger.log(line);
}

@Injectable()
export class RequestRecorder {
  constructor(
    private readonly writer: RecordWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: StatusEvents,
    private readonly metrics: MetricsService,
    private readonly settings: SettingsService,
    private readonly budgets: TokenBudgetLedger,
  ) {}

  begin(context: RequestContext): Recording {
    this.metrics.requestStarted(context.listener);
    return new Recording(context, this.writer, this.settings.get().logBodies ?? this.config.logBodies, (request, response) => {
      // The reservation becomes what was used, counted until the rows are in the log.
      this.budgets.settle(request.id, response.totalTokens ?? 0, () => this.writer.flush());
      this.metrics.requestEnded({
        listener: request.listener,
        surface: request.surface,
        model: request.model,
        provider: request.provider,
        statusCode: response.statusCode,
        errorCode: response.errorCode,
        durationMs: response.durationMs,
        timeToFirstTokenMs: response.timeToFirstTokenMs,
        promptTokens: response.promptTokens,
        completionTokens: response.completionTokens,
      });
      this.events.publish({
        type: 'request-completed',
        requestId: request.id,
        listener: request.listener,
        model: request.model,
        provider: request.provider,
        statusCode: response.statusCode,
        errorCode: response.errorCode,
        totalTokens: response.totalTokens,
        durationMs: response.durationMs,
      });
    }, (provider, shape) => this.metrics.unknownUpstreamShape(provider, shape.kind));
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }
}
