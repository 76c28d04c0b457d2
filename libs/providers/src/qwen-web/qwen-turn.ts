import type { Subscriber, Subscription } from 'rxjs';
import {
  BadRequestError,
  type ChatEvent,
  type ChatMessage,
  type ChatOptions,
  type ChatRequest,
  type GatewayError,
  type TokenUsage,
  toGatewayError,
} from '@qwen-proxy/contracts';
import type { QwenClient, QwenEvent, QwenFileAttachment } from '@qwen-proxy/qwen';
import { estimateUsage } from '../usage-estimation';
import type { QwenAccountLease, QwenAccountSource } from './account-source';
import type { AttachmentPreparer } from './attachment-preparer';
import { hashAfterAnswer, splitAtNewTurn, type TurnSplit } from './conversation-history';
import { continuationMessage, foldIntoFirstMessage } from './prompt-folding';
import type { QwenSession, SessionStore } from './session-store';

export const qwenWebProviderId = 'qwen-web';

export interface QwenTurnDependencies {
  client: Pick<QwenClient, 'createChat' | 'streamCompletion'>;
  accounts: QwenAccountSource;
  sessions: SessionStore;
  /** Attempts per request across accounts and fresh chats (first try included). */
  maxAttempts: number;
  /** Uploads images and files of the messages sent; without it, only text is sent. */
  attachments?: AttachmentPreparer;
}

/** What one attempt will send. */
interface TurnPlan {
  lease: QwenAccountLease;
  session: QwenSession;
  parentId: string | null;
  content: string;
  /** The messages whose content this turn sends (their images and files go as attachments). */
  sentMessages: readonly ChatMessage[];
}

type AttemptOutcome = { kind: 'done' } | { kind: 'retry'; error: GatewayError };

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
    return this.request.sessionKey ? `explicit:${this.request.sessionKey}` : this.split.lookupHash;
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
          // With no account left to try, the upstream's own reason (daily limit, expired
          // token) tells the user more than "no account available".
          throw lastError ?? error;
        }
        const outcome = await this.withAttachments(plan)
          .then((files) => this.attempt(plan, files))
          .finally(() => plan.lease.release());
        if (outcome.kind === 'done') return;
        lastError = outcome.error;
      }
      if (lastError) this.emitError(lastError);
    } catch (error) {
      if (!this.signal.aborted) this.emitError(toGatewayError(error));
    } finally {
      if (!this.subscriber.closed) this.subscriber.complete();
    }
  }

  dispose(): void {
    this.upstream?.unsubscribe();
  }

  private validate(): void {
    const newTurn = this.split.newTurn.filter((message) => message.role !== 'system' && message.role !== 'developer');
    if (newTurn.length === 0) {
      throw new BadRequestError('The conversation must end with a user message (or tool results) for the model to answer.', {
        code: 'invalid_messages',
        param: 'messages',
      });
    }
  }

  private async plan(): Promise<TurnPlan> {
    const { sessions, accounts, client } = this.dependencies;
    const continuation = this.forceNewChat ? undefined : await this.findContinuation();
    const lease = await accounts.acquire({
      preferredId: continuation?.session.credentialId,
      excludeIds: this.excludedAccounts,
      signal: this.signal,
    });
    // A Qwen chat belongs to the account that created it; on another account, start afresh.
    if (continuation && continuation.session.credentialId === lease.id) {
      return {
        lease,
        session: continuation.session,
        parentId: continuation.parentId,
        content: continuationMessage(this.split.newTurn),
        sentMessages: this.split.newTurn,
      };
    }
    try {
      const { chatId } = await (lease.client ?? client).createChat(lease.credentials, { model: this.request.model }, this.signal);
      const session = await sessions.open({
        credentialId: lease.id,
        chatId,
        model: this.request.model,
        explicitKey: this.request.sessionKey ?? null,
        title: titleOf(this.split),
      });
      return {
        lease,
        session,
        parentId: null,
        content: foldIntoFirstMessage(this.request.messages, this.split.prior.length),
        sentMessages: this.request.messages,
      };
    } catch (error) {
      lease.release();
      throw error;
    }
  }

  private async findContinuation(): Promise<{ session: QwenSession; parentId: string } | undefined> {
    const { sessions } = this.dependencies;
    if (this.request.sessionKey) {
      const session = await sessions.findByExplicitKey(this.request.sessionKey);
      return session?.lastResponseId ? { session, parentId: session.lastResponseId } : undefined;
    }
    if (!this.split.lookupHash) return undefined;
    const found = await sessions.findByHistoryHash(this.split.lookupHash);
    return found ? { session: found.session, parentId: found.parentResponseId } : undefined;
  }

  private async withAttachments(plan: TurnPlan): Promise<QwenFileAttachment[] | undefined> {
    const { attachments } = this.dependencies;
    if (!attachments) return undefined;
    const files = await attachments.prepare(plan.sentMessages, plan.lease, this.signal);
    return files.length ? files : undefined;
  }

  /** Streams one attempt. Resolves when the answer is finished or failed, or a retry is due. */
  private attempt(plan: TurnPlan, files?: QwenFileAttachment[]): Promise<AttemptOutcome> {
    const { client, accounts } = this.dependencies;
    const accumulated = { text: '', reasoning: '', usage: undefined as TokenUsage | undefined, responseId: undefined as string | undefined };
    let started = false;

    const start = () => {
      if (started) return;
      started = true;
      this.subscriber.next({
        type: 'response-start',
        upstreamId: accumulated.responseId,
        model: this.request.model,
        provider: qwenWebProviderId,
        account: plan.lease.id,
        sessionId: plan.session.id,
      });
    };

    return new Promise<AttemptOutcome>((resolve) => {
      const onEvent = (event: QwenEvent): void => {
        switch (event.type) {
          case 'response-created':
            accumulated.responseId = event.responseId;
            return;
          case 'text-delta':
            start();
            accumulated.text += event.text;
            this.subscriber.next(event);
            return;
          case 'reasoning-delta':
            start();
            accumulated.reasoning += event.text;
            this.subscriber.next(event);
            return;
          case 'source':
            start();
            this.subscriber.next(event);
            return;
          case 'usage':
            accumulated.usage = event.usage;
            return;
          case 'finish': {
            start();
            this.subscriber.next({
              type: 'usage',
              usage: accumulated.usage ?? estimateUsage({ prompt: plan.content, answer: accumulated.text, reasoning: accumulated.reasoning }),
            });
            this.subscriber.next(event);
            accounts.reportSuccess(plan.lease.id);
            this.recordTurn(plan, accumulated.responseId, accumulated.text).finally(() => resolve({ kind: 'done' }));
            return;
          }
          case 'error':
            resolve(this.onUpstreamError(plan, event.error, started));
            return;
        }
      };
      this.upstream = (plan.lease.client ?? client)
        .streamCompletion(plan.lease.credentials, {
          chatId: plan.session.chatId,
          model: this.request.model,
          parentId: plan.parentId,
          content: plan.content,
          thinking: this.request.reasoning
            ? { enabled: this.request.reasoning.enabled, budget: this.request.reasoning.budgetTokens }
            : undefined,
          autoSearch: this.request.webSearch,
          files,
        })
        .subscribe({
          next: onEvent,
          error: (error: unknown) => resolve(this.onUpstreamError(plan, toGatewayError(error), started)),
          complete: () => {
            // The client's stream always ends with finish or error; if not, say so rather than hang.
            if (!this.signal.aborted) resolve({ kind: 'done' });
          },
        });
      this.signal.addEventListener('abort', () => resolve({ kind: 'done' }), { once: true });
    });
  }

  private onUpstreamError(plan: TurnPlan, error: GatewayError, outputStarted: boolean): AttemptOutcome {
    const { accounts, sessions } = this.dependencies;
    if (error.credentialEffect) accounts.reportFailure(plan.lease.id, error);
    if (!outputStarted) {
      if (error.code === 'qwen_unknown_parent' && !this.forceNewChat) {
        // Qwen no longer knows the answer we continue from (chat deleted in the browser):
        // start a new chat with the history folded in.
        void sessions.close(plan.session.id);
        this.forceNewChat = true;
        return { kind: 'retry', error };
      }
      if (error.retryable && error.credentialEffect) {
        this.excludedAccounts.push(plan.lease.id);
        return { kind: 'retry', error };
      }
    }
    this.emitError(error);
    return { kind: 'done' };
  }

  private async recordTurn(plan: TurnPlan, responseId: string | undefined, answer: string): Promise<void> {
    if (!responseId) return;
    try {
      await this.dependencies.sessions.recordTurn(plan.session.id, {
        historyHash: hashAfterAnswer(this.request.messages, answer),
        responseId,
        requestId: this.options.requestId,
      });
    } catch {
      // Losing a turn only costs the next request a folded history; the answer stands.
    }
  }

  private emitError(error: GatewayError): void {
    if (!this.subscriber.closed) this.subscriber.next({ type: 'error', error });
  }
}

function titleOf(split: TurnSplit): string {
  const firstUser = [...split.prior, ...split.newTurn].find((message) => message.role === 'user');
  const text = typeof firstUser?.content === 'string' ? firstUser.content : '';
  return text.replace(/\s+/g, ' ').trim().slice(0, 80) || 'API conversation';
}
