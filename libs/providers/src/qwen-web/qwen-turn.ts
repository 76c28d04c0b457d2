import { randomUUID } from 'node:crypto';
import type { Subscriber, Subscription } from 'rxjs';
import {
  BadGatewayError,
  BadRequestError,
  type ChatEvent,
  type ChatEventOf,
  type ChatMessage,
  type ChatOptions,
  type ChatRequest,
  type GatewayError,
  type TokenUsage,
  type ToolCall,
  toGatewayError,
} from '@qwen-proxy/contracts';
import {
  completionBodyBytes,
  completionBodyTooLargeError,
  defaultMaxInlineBodyBytes,
  type QwenClient,
  type QwenEvent,
  type QwenFileAttachment,
} from '@qwen-proxy/qwen';
import type { TokenCounter } from '../tokenizer/token-counter';
import { estimateUsage, estimateUsageWith, joinTokenizers } from '../usage-estimation';
import type { QwenAccountLease, QwenAccountSource } from './account-source';
import type { AttachmentPreparer } from './attachment-preparer';
import { hashAfterAnswer, openingHash, splitAtNewTurn, type TurnSplit } from './conversation-history';
import { fitCompletionBody } from './body-fitting';
import { continuationPromptOf, type FoldedPrompt, foldedPromptOf, joinFoldedPrompt } from './prompt-folding';
import type { QwenSession, SessionStore } from './session-store';
import { type ToolAnswerVerdict, ToolAnswerState } from './tool-answer.state';
import { renderRepairMessage } from './tool-prompt';
import { type ToolUse, toolUseOf } from './tool-use';
import type { ToolSchemaLimits } from './tool-call.validator';

export const qwenWebProviderId = 'qwen-web';

/**
 * Bodies over this size that meet a captcha met the size cliff (~128 KiB, Rfym21 #147: 117 KB
 * always passed), not a verdict on the account.
 */
const captchaSuspectBodyBytes = 118 * 1024;

export interface QwenTurnDependencies {
  client: Pick<QwenClient, 'createChat' | 'streamCompletion'>;
  accounts: QwenAccountSource;
  sessions: SessionStore;
  /** Attempts per request across accounts and fresh chats (first try included). */
  maxAttempts: number;
  /** Uploads images and files of the messages sent; without it, only text is sent. */
  attachments?: AttachmentPreparer;
  /** Counts usage Qwen did not report (long texts off the event loop); without it, a bounded inline estimate. */
  tokenCounter?: Pick<TokenCounter, 'estimateWithTokenizer'>;
  /** Largest completion body sent as is; above it the context moves into a document (audit B4). */
  maxInlineBodyBytes?: number;
  /** What one tool's JSON Schema may cost (default `defaultToolSchemaLimits`). */
  toolSchemaLimits?: ToolSchemaLimits;
}

/** What one attempt will send. */
interface TurnPlan {
  lease: QwenAccountLease;
  session: QwenSession;
  /**
   * A new chat's session row, written once its completion request is on its way (a synchronous
   * SQLite write would otherwise delay the first token); resolves false when it could not be
   * stored. Absent for a continued session, which is stored already.
   */
  sessionStored?: () => Promise<boolean>;
  parentId: string | null;
  /** The message in its parts; `content` is what is sent once the body fits. */
  prompt: FoldedPrompt;
  content: string;
  /** The serialized body's size, once fitted. */
  bodyBytes?: number;
  /** The messages whose content this turn sends (their images and files go as attachments). */
  sentMessages: readonly ChatMessage[];
  /** Where `sentMessages` start in the request, so an attachment refusal names the right message. */
  firstMessageIndex: number;
}

type AttemptOutcome = { kind: 'done' } | { kind: 'retry'; error: GatewayError };

/** One Qwen completion that ended with `finish`. */
interface FinishedAnswer {
  kind: 'finished';
  finish: ChatEventOf<'finish'>;
  responseId?: string;
  usage?: TokenUsage;
}

type StreamOutcome = FinishedAnswer | AttemptOutcome;

/** What an attempt has sent to the client so far, across the answer and its repair. */
interface AnswerProgress {
  started: boolean;
  /** The raw answer text Qwen sent (call blocks included). */
  text: string;
  reasoning: string;
}

/**
 * One request on the Qwen web provider, from history to finished answer: find or open the
 * conversation, lend an account, stream, and on a failure that another account or a fresh
 * chat can fix, try again, but only while nothing has reached the client.
 */
export class QwenTurn {
  private readonly split: TurnSplit;
  private readonly excludedAccounts: string[] = [];
  private forceNewChat = false;
  private upstream?: Subscription;
  private settled = false;
  private toolUse?: ToolUse;

  constructor(
    private readonly dependencies: QwenTurnDependencies,
    private readonly request: ChatRequest,
    private readonly options: ChatOptions,
    private readonly signal: AbortSignal,
    private readonly subscriber: Subscriber<ChatEvent>,
  ) {
    this.split = splitAtNewTurn(request.messages);
  }

  /** The key under which this conversation's requests are serialized, if it is one we know. */
  get conversationKey(): string | undefined {
    const scope = this.request.clientScope ?? '';
    if (this.request.sessionKey) return `explicit:${scope}:${this.request.sessionKey}`;
    return this.split.lookupHash ? `history:${scope}:${this.split.lookupHash}` : undefined;
  }

  /** True once `run` has ended (answer, error or abort): nothing of this turn is in flight. */
  get hasSettled(): boolean {
    return this.settled;
  }

  async run(): Promise<void> {
    try {
      this.validate();
      let lastError: GatewayError | undefined;
      for (let attempt = 1; attempt <= this.dependencies.maxAttempts; attempt++) {
        if (this.signal.aborted) return;
        let plan: TurnPlan;
        try {
          plan = await this.plan();
        } catch (error) {
          if (error instanceof AccountFailure) {
            // Opening the chat failed because of the account (its proxy, its token): another one may do.
            lastError = error.failure;
            continue;
          }
          // With no account left to try, the upstream's own reason (daily limit, expired
          // token) tells the user more than "no account available".
          throw lastError ?? error;
        }
        // Queued behind the completion request (sessionStored waits a setImmediate): stored even if
        // the attempt fails, so chat hygiene still finds the chat this plan opened upstream.
        void plan.sessionStored?.();
        const outcome = await this.withAttachments(plan)
          .then((files) => this.fitBody(plan, files))
          .then((files) => this.attempt(plan, files))
          .finally(() => plan.lease.release());
        if (outcome.kind === 'done') return;
        lastError = outcome.error;
      }
      if (lastError) this.emitError(lastError);
    } catch (error) {
      if (!this.signal.aborted) this.emitError(toGatewayError(error));
    } finally {
      this.settled = true;
      if (!this.subscriber.closed) this.subscriber.complete();
    }
  }

  dispose(): void {
    this.upstream?.unsubscribe();
  }

  private validate(): void {
    this.toolUse = toolUseOf(this.request, this.dependencies.toolSchemaLimits);
    const newTurn = this.split.newTurn.filter((message) => message.role !== 'system' && message.role !== 'developer');
    if (newTurn.length === 0) {
      throw new BadRequestError('The conversation must end with a user message (or tool results) for the model to answer.', {
        code: 'invalid_messages',
        param: 'messages',
      });
    }
  }

  /** A drawing is a `t2i` chat (chat and message must agree); everything else a `t2t` one. */
  private get chatType(): string | undefined {
    return this.request.imageGeneration ? 't2i' : undefined;
  }

  private async plan(): Promise<TurnPlan> {
    const { sessions, accounts, client } = this.dependencies;
    // A drawing never continues a text chat (nor a text chat a drawing): the chat types differ.
    const continuation = this.forceNewChat || this.request.imageGeneration ? undefined : await this.findContinuation();
    const lease = await accounts.acquire({
      preferredId: continuation?.session.credentialId,
      excludeIds: this.excludedAccounts,
      signal: this.signal,
    });
    // A client that hangs up frees the account's slot at once, even while a connect or a silent
    // proxy still holds the attempt (release is idempotent; the signal is this request's own).
    this.signal.addEventListener('abort', () => lease.release(), { once: true });
    // A Qwen chat belongs to the account that created it; on another account, start afresh.
    if (continuation && continuation.session.credentialId === lease.id) {
      return {
        lease,
        session: continuation.session,
        parentId: continuation.parentId,
        ...promptAndContent(continuationPromptOf(this.split.newTurn, this.request.messages, { toolsSection: this.toolUse?.section })),
        sentMessages: this.split.newTurn,
        firstMessageIndex: this.split.prior.length,
      };
    }
    try {
      const { chatId } = await (lease.client ?? client).createChat(
        lease.credentials,
        { model: this.request.model, chatType: this.chatType, traceContext: this.options.traceContext },
        this.signal,
      );
      const opened = {
        credentialId: lease.id,
        chatId,
        model: this.request.model,
        explicitKey: this.request.sessionKey ?? null,
        clientScope: this.request.clientScope ?? null,
        openingHash: openingHash(this.request.messages),
      };
      const session: QwenSession = { ...opened, id: randomUUID(), lastResponseId: null };
      const title = titleOf(this.split);
      let stored: Promise<boolean> | undefined;
      return {
        lease,
        session,
        // A database that cannot take the session right now (locked, full) costs this
        // conversation its continuity, not its answer: the turn goes on, nobody finds it again.
        sessionStored: () =>
          (stored ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
            sessions.open({ ...session, title }).then(
              () => true,
              () => false,
            ),
          )),
        parentId: null,
        ...promptAndContent(foldedPromptOf(this.request.messages, this.split.prior.length, { toolsSection: this.toolUse?.section })),
        sentMessages: this.request.messages,
        firstMessageIndex: 0,
      };
    } catch (error) {
      lease.release();
      const failure = toGatewayError(error);
      if (this.signal.aborted || !failure.credentialEffect) throw error;
      this.dependencies.accounts.reportFailure(lease.id, failure);
      if (!failure.retryable) throw error;
      this.excludedAccounts.push(lease.id);
      throw new AccountFailure(failure);
    }
  }

  /**
   * The chat this request continues. The history decides: a history that extends a stored turn
   * (of this client's scope) continues that chat, with or without a session key. A session key
   * is only a hint: it continues a chat by itself only for a client that resends no answer (just
   * its new turn), only a chat that opened with the same system prompt, and never a chat whose
   * client resent its history before (a request of such a client without answers is a new
   * conversation). Anything else is a new chat with the history folded in, so two
   * conversations are never mixed.
   */
  private async findContinuation(): Promise<{ session: QwenSession; parentId: string } | undefined> {
    const { sessions } = this.dependencies;
    const clientScope = this.request.clientScope ?? null;
    if (this.split.lookupHash) {
      const found = await sessions.findByHistoryHash(this.split.lookupHash, clientScope);
      return found ? { session: found.session, parentId: found.parentResponseId } : undefined;
    }
    if (!this.request.sessionKey) return undefined;
    const session = await sessions.findByExplicitKey(this.request.sessionKey, { clientScope, openingHash: openingHash(this.request.messages) });
    return session?.lastResponseId ? { session, parentId: session.lastResponseId } : undefined;
  }

  private async withAttachments(plan: TurnPlan): Promise<QwenFileAttachment[] | undefined> {
    const { attachments } = this.dependencies;
    if (!attachments) return undefined;
    const files = await attachments.prepare(plan.sentMessages, plan.lease, this.signal, {
      firstMessageIndex: plan.firstMessageIndex,
      traceContext: this.options.traceContext,
    });
    return files.length ? files : undefined;
  }

  /** Measures the body and, over the limit, moves the context into an uploaded document (B4). */
  private async fitBody(plan: TurnPlan, files: QwenFileAttachment[] | undefined): Promise<QwenFileAttachment[] | undefined> {
    const { attachments } = this.dependencies;
    const fitted = await fitCompletionBody({
      prompt: plan.prompt,
      files,
      limitBytes: this.dependencies.maxInlineBodyBytes ?? defaultMaxInlineBodyBytes,
      measure: (content, sentFiles) =>
        completionBodyBytes({
          chatId: plan.session.chatId,
          model: this.request.model,
          parentId: plan.parentId,
          content,
          files: sentFiles,
          thinking: this.request.reasoning ? { enabled: this.request.reasoning.enabled, budget: this.request.reasoning.budgetTokens } : undefined,
          autoSearch: this.request.webSearch,
          chatType: this.chatType,
          size: this.request.imageGeneration?.aspectRatio,
        }),
      uploadDocument: attachments?.uploadDocument
        ? (text, filename) => attachments.uploadDocument!(text, filename, plan.lease, this.signal, this.options.traceContext)
        : undefined,
    });
    plan.content = fitted.content;
    plan.bodyBytes = fitted.bodyBytes;
    return fitted.files;
  }

  /**
   * One attempt: the answer, then (when tools are offered and the answer's calls are unusable
   * or a required call is missing) one repair turn in the same chat. Resolves when the answer is
   * finished or failed, or a retry is due.
   */
  private async attempt(plan: TurnPlan, files?: QwenFileAttachment[]): Promise<AttemptOutcome> {
    const newAnswerState = () => (this.toolUse ? new ToolAnswerState(this.toolUse.validator, this.toolUse.choice) : undefined);
    let answer = newAnswerState();
    const progress: AnswerProgress = { started: false, text: '', reasoning: '' };
    let first = await this.streamAnswer(plan, { parentId: plan.parentId, content: plan.content, files }, answer, progress);
    if (first.kind !== 'finished') return first;
    if (isReasoningOnly(first, progress)) {
      // Thought, then stopped without a word or a call (audit D12, weselow #151): ask again once,
      // from the same parent, before the client gets an empty turn. The reasoning already shown stays.
      answer = newAnswerState();
      first = await this.streamAnswer(plan, { parentId: plan.parentId, content: plan.content, files }, answer, progress);
      if (first.kind !== 'finished') return first;
    }

    let last = first;
    let prompt = plan.content;
    let usage = first.usage;
    if (answer && isCleanStop(first)) {
      let verdict = answer.verdict();
      if (verdict.kind === 'repair' && first.responseId) {
        answer.beginRepair();
        const repair = renderRepairMessage(verdict.problems, verdict.missingCall);
        // The repair continues the same chat after the failed answer, so the model sees it.
        const second = await this.streamAnswer(plan, { parentId: first.responseId, content: repair }, answer, progress);
        if (second.kind !== 'finished') return second;
        last = second;
        prompt += `\n\n${repair}`;
        usage = addUsage(first.usage, second.usage);
        verdict = isCleanStop(second) ? answer.verdict() : { kind: 'complete' };
      }
      if (verdict.kind !== 'complete') {
        this.dependencies.accounts.reportSuccess(plan.lease.id);
        this.emitError(toolCallFailure(verdict));
        return { kind: 'done' };
      }
    }

    const calls = answer?.calls ?? [];
    const text = answer ? answer.text : progress.text;
    this.start(plan, progress, first.responseId);
    const estimateInput = { prompt, answer: text + calls.map((call) => call.arguments).join(''), reasoning: progress.reasoning };
    const { tokenCounter } = this.dependencies;
    usage ??= tokenCounter ? await estimateUsageWith(tokenCounter, estimateInput) : estimateUsage(estimateInput);
    this.subscriber.next({ type: 'usage', usage });
    this.subscriber.next({ ...last.finish, reason: calls.length ? 'tool-calls' : last.finish.reason });
    this.dependencies.accounts.reportSuccess(plan.lease.id);
    await this.recordTurn(plan, last.responseId, text, calls);
    return { kind: 'done' };
  }

  /** Sends once the first sign of an answer arrives, so an attempt that fails silently can be retried. */
  private start(plan: TurnPlan, progress: AnswerProgress, responseId: string | undefined): void {
    if (progress.started) return;
    progress.started = true;
    this.subscriber.next({
      type: 'response-start',
      upstreamId: responseId,
      model: this.request.model,
      provider: qwenWebProviderId,
      account: plan.lease.id,
      sessionId: plan.session.id,
    });
  }

  /** Streams one Qwen completion, forwarding its parts (through the tool parser when tools are offered). */
  private streamAnswer(
    plan: TurnPlan,
    message: { parentId: string | null; content: string; files?: QwenFileAttachment[] },
    answer: ToolAnswerState | undefined,
    progress: AnswerProgress,
  ): Promise<StreamOutcome> {
    const { client } = this.dependencies;
    let responseId: string | undefined;
    let usage: TokenUsage | undefined;
    const forward = (events: ChatEvent[]) => events.forEach((event) => this.subscriber.next(event));

    return new Promise<StreamOutcome>((resolve) => {
      const onEvent = (event: QwenEvent): void => {
        switch (event.type) {
          case 'response-created':
            responseId = event.responseId;
            return;
          case 'unknown-shape':
            this.options.onUnknownShape?.(event.shape);
            return;
          case 'text-delta':
            this.start(plan, progress, responseId);
            progress.text += event.text;
            forward(answer ? answer.push(event.text) : [event]);
            return;
          case 'reasoning-delta':
            this.start(plan, progress, responseId);
            progress.reasoning += event.text;
            this.subscriber.next(event);
            return;
          case 'source':
            this.start(plan, progress, responseId);
            this.subscriber.next(event);
            return;
          case 'usage':
            usage = event.usage;
            return;
          case 'finish':
            this.start(plan, progress, responseId);
            if (answer) forward(answer.end());
            resolve({ kind: 'finished', finish: event, responseId, usage });
            return;
          case 'error':
            resolve(this.onUpstreamError(plan, event.error, progress.started));
            return;
        }
      };
      this.upstream = (plan.lease.client ?? client)
        .streamCompletion(plan.lease.credentials, {
          chatId: plan.session.chatId,
          model: this.request.model,
          parentId: message.parentId,
          content: message.content,
          thinking: this.request.reasoning
            ? { enabled: this.request.reasoning.enabled, budget: this.request.reasoning.budgetTokens }
            : undefined,
          autoSearch: this.request.webSearch,
          files: message.files,
          chatType: this.chatType,
          size: this.request.imageGeneration?.aspectRatio,
          flow: this.options.flow,
          traceContext: this.options.traceContext,
        })
        .subscribe({
          next: onEvent,
          error: (error: unknown) => resolve(this.onUpstreamError(plan, toGatewayError(error), progress.started)),
          complete: () => {
            // The client's stream always ends with finish or error; if not, say so rather than hang.
            if (!this.signal.aborted) resolve({ kind: 'done' });
          },
        });
      this.signal.addEventListener('abort', () => resolve({ kind: 'done' }), { once: true });
    });
  }

  private onUpstreamError(plan: TurnPlan, upstreamError: GatewayError, outputStarted: boolean): AttemptOutcome {
    const { accounts, sessions } = this.dependencies;
    // A captcha after a body near the cliff is about the size, not the account: never park it (B4).
    const error =
      upstreamError.code === 'qwen_verification_required' && (plan.bodyBytes ?? 0) > captchaSuspectBodyBytes
        ? completionBodyTooLargeError(plan.bodyBytes ?? 0, this.dependencies.maxInlineBodyBytes ?? defaultMaxInlineBodyBytes)
        : upstreamError;
    if (error.credentialEffect) accounts.reportFailure(plan.lease.id, error);
    if (!outputStarted) {
      if (error.code === 'qwen_chat_in_progress' && !this.forceNewChat) {
        // The client already waited in this chat (QwenClient); an earlier generation still runs
        // there, so go on in a new chat with the history folded in (audit B5).
        this.forceNewChat = true;
        return { kind: 'retry', error };
      }
      if (error.code === 'qwen_unknown_parent' && !this.forceNewChat) {
        // Qwen no longer knows the answer we continue from (chat deleted in the browser):
        // start a new chat with the history folded in.
        void sessions.close(plan.session.id);
        this.forceNewChat = true;
        return { kind: 'retry', error };
      }
      // An account-specific failure (expired, cooling down, refused): another account may answer.
      if (error.credentialEffect && (error.retryable || error.credentialEffect === 'rejected')) {
        this.excludedAccounts.push(plan.lease.id);
        return { kind: 'retry', error };
      }
    }
    this.emitError(error);
    return { kind: 'done' };
  }

  private async recordTurn(plan: TurnPlan, responseId: string | undefined, answer: string, calls: readonly ToolCall[]): Promise<void> {
    // A drawing's chat is stored (so chat hygiene deletes it) but never found again: a text turn
    // that resends the drawing's answer must not continue a t2i chat.
    if (!responseId || this.request.imageGeneration) return;
    try {
      if (plan.sessionStored && !(await plan.sessionStored())) return;
      await this.dependencies.sessions.recordTurn(plan.session.id, {
        historyHash: hashAfterAnswer(this.request.messages, answer, calls),
        responseId,
        requestId: this.options.requestId,
        resentHistory: this.split.prior.length > 0,
      });
    } catch {
      // Losing a turn only costs the next request a folded history; the answer stands.
    }
  }

  private emitError(error: GatewayError): void {
    if (!this.subscriber.closed) this.subscriber.next({ type: 'error', error });
  }
}

/** Opening a chat failed because of the account that was lent (e.g. its proxy): the turn tries another. */
class AccountFailure extends Error {
  constructor(readonly failure: GatewayError) {
    super(failure.message);
  }
}

/** Reasoning, then a clean stop with no text at all (so no call either). */
function isReasoningOnly(answer: FinishedAnswer, progress: AnswerProgress): boolean {
  return isCleanStop(answer) && progress.reasoning.trim() !== '' && progress.text.trim() === '';
}

/** A clean end: not cut, not filtered; only then is a missing or broken call worth repairing. */
function isCleanStop(answer: FinishedAnswer): boolean {
  return answer.finish.reason === 'stop' && !answer.finish.truncated;
}

function addUsage(first: TokenUsage | undefined, second: TokenUsage | undefined): TokenUsage | undefined {
  if (!first || !second) return undefined;
  const reasoningTokens = (first.reasoningTokens ?? 0) + (second.reasoningTokens ?? 0);
  return {
    inputTokens: first.inputTokens + second.inputTokens,
    outputTokens: first.outputTokens + second.outputTokens,
    totalTokens: first.totalTokens + second.totalTokens,
    ...(reasoningTokens ? { reasoningTokens } : {}),
    ...(first.estimated || second.estimated ? { estimated: true, estimatedBy: joinTokenizers([first.estimatedBy, second.estimatedBy]) } : {}),
  };
}

/** The error of a turn whose tool calls stayed unusable after the repair turn. */
function toolCallFailure(verdict: Exclude<ToolAnswerVerdict, { kind: 'complete' }>): GatewayError {
  const reasons = verdict.problems.map((problem) => `${problem.name ? `${problem.name}: ` : ''}${problem.reason}`);
  const missing =
    verdict.missingCall === undefined
      ? []
      : [typeof verdict.missingCall === 'object' ? `no call of the required tool \`${verdict.missingCall.name}\`` : 'no tool call, though one was required'];
  return new BadGatewayError(`The model did not produce a usable tool call, even after being asked to correct it: ${[...reasons, ...missing].join('; ')}.`, {
    code: 'invalid_tool_call',
    details: { problems: verdict.problems },
  });
}

function titleOf(split: TurnSplit): string {
  const firstUser = [...split.prior, ...split.newTurn].find((message) => message.role === 'user');
  const text = typeof firstUser?.content === 'string' ? firstUser.content : '';
  return text.replace(/\s+/g, ' ').trim().slice(0, 80) || 'API conversation';
}

function promptAndContent(prompt: FoldedPrompt): { prompt: FoldedPrompt; content: string } {
  return { prompt, content: joinFoldedPrompt(prompt) };
}
