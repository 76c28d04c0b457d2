import type { ChatMessage, TraceContext } from '@qwen-proxy/contracts';
import type { QwenFileAttachment } from '@qwen-proxy/qwen';
import type { QwenAccountLease } from './account-source';

export interface AttachmentPreparationOptions {
  /**
   * Where `messages` start in the client's request (a continuation sends only the newest turn),
   * so that a refusal's `param` points at the right message. Default 0.
   */
  firstMessageIndex?: number;
  /** The span uploads are traced under. */
  traceContext?: TraceContext;
}

/**
 * Turns the non-text parts of the messages Qwen will see (images, files) into uploaded Qwen
 * attachments for one account. Rejects with a GatewayError (e.g. 400 for a refused URL).
 */
export interface AttachmentPreparer {
  prepare(
    messages: readonly ChatMessage[],
    lease: QwenAccountLease,
    signal: AbortSignal,
    options?: AttachmentPreparationOptions,
  ): Promise<QwenFileAttachment[]>;
  /**
   * Uploads a text the proxy wrote (the folded context of a body too large to send inline,
   * audit B4) as a parsed document of this account.
   */
  uploadDocument?(text: string, filename: string, lease: QwenAccountLease, signal: AbortSignal, traceContext?: TraceContext): Promise<QwenFileAttachment>;
}
