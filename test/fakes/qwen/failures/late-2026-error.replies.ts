import { randomUUID } from 'node:crypto';
import { jsonReply } from '../http/http-reply';
import { errorEnvelope, type QwenErrorReply } from './qwen-error.replies';

/*
 * Error answers seen in 2026 that do not follow the `{"success": false, "data": {…}}` envelope,
 * or use codes the earlier protocol notes did not list (audit qwen-protocol-2026-late.md, D1/B2).
 * Each names its evidence; the texts are the sources' where they quote one.
 */

/** `{"data":{"code":"RateLimited","template":…}}` without `success` (zbridge test, index id 68341789548). */
export function rateLimitedTemplateOnly(): QwenErrorReply {
  return {
    reply: jsonReply(200, { data: { code: 'RateLimited', template: 'You have reached the daily usage limit. Please wait {{num}} hours before trying again.' } }),
    code: 'RateLimited',
  };
}

/** chats/new or completions with a stale `version`: a bare `{"code":"unauthorized","details":"401 Unauthorized"}` (SilverioSG, 2026-09). */
export function unauthorizedBare(): QwenErrorReply {
  return { reply: jsonReply(200, { code: 'unauthorized', details: '401 Unauthorized' }), code: 'unauthorized' };
}

/** Too many answers at once for the account (later g4f `_raise_api_error`). The details text is ours. */
export function parallelLimited(details = 'Too many concurrent requests for this account.'): QwenErrorReply {
  return errorEnvelope('ParallelLimited', details);
}

/** The account's quota is used up (later g4f). The details text is ours. */
export function quotaLimited(details = 'Your quota has been used up.'): QwenErrorReply {
  return errorEnvelope('quotaLimited', details);
}

/** HTTP 402 (later g4f treats it as a used-up quota). */
export function paymentRequired(details = 'Payment Required'): QwenErrorReply {
  return errorEnvelope('quotaLimited', details, { status: 402 });
}

/**
 * `thinking_enabled:false` on a model whose `think_skip.enable` is false (weselow e1f8e3c,
 * indicatorspro payload.js, 2026-07/08). The sources name the code only; the envelope and the
 * details text are our best reading.
 */
export function invalidInput(details = 'Invalid input: thinking cannot be disabled for this model.'): QwenErrorReply {
  return errorEnvelope('invalid_input', details);
}

/** A retired endpoint's answer, lower case with a space (OmniRoute PR #5855, /api/v2/user). */
export function notFoundLowercase(details = 'Not Found'): QwenErrorReply {
  return { reply: jsonReply(200, { success: false, request_id: randomUUID(), data: { code: 'not found', details } }), code: 'not found' };
}

/** A request treated as a guest's (unnamed peer, index id 70935843465). */
export function guestLimit(details = 'You have reached the guest chat limit. Log in to continue.'): QwenErrorReply {
  return errorEnvelope('Forbidden', details);
}
