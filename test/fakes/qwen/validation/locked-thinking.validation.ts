import { invalidInput } from '../failures/late-2026-error.replies';
import { findModel } from '../models/model.catalogue';
import type { CompletionRequest } from './completion-request.validation';
import { passed, refused, type Checked } from './rejection';

/**
 * A model whose thinking cannot be switched off (`think_skip.enable` false, the qwen3.8 series)
 * refuses `thinking_enabled:false` with `invalid_input` (weselow e1f8e3c, indicatorspro
 * payload.js, 2026-07/08). A t2i or other non-text chat is not concerned.
 */
export function checkLockedThinking(request: CompletionRequest): Checked<CompletionRequest> {
  const model = findModel(request.model);
  if (model?.info.meta.think_skip?.enable === false && request.chatType === 't2t' && !request.features.thinkingEnabled) {
    return refused(invalidInput(), `model ${request.model} cannot stop thinking (think_skip.enable false), but thinking_enabled was not true`);
  }
  return passed(request);
}
