import type { ChatMessage } from '@qwen-proxy/contracts';
import type { QwenFileAttachment } from '@qwen-proxy/qwen';
import type { QwenAccountLease } from './account-source';

/**
 * Turns the non-text parts of the messages Qwen will see (images, files) into uploaded Qwen
 * attachments for one account. Rejects with a GatewayError (e.g. 400 for a refused URL).
 */
export interface AttachmentPreparer {
  prepare(messages: readonly ChatMessage[], lease: QwenAccountLease, signal: AbortSignal): Promise<QwenFileAttachment[]>;
}
