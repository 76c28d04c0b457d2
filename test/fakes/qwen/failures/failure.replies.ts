import type { FailureName, FailureOptions } from '../scenarios/scripted-answer';
import {
  badRequest,
  captchaChallenge,
  chatNotFound,
  dailyLimit,
  forbidden,
  internalServerError,
  moderationRefusal,
  notAuthenticated,
  overloaded,
  tokenExpired,
  unknownParent,
  wafPage,
  type QwenErrorReply,
} from './qwen-error.replies';
import {
  guestLimit,
  invalidInput,
  notFoundLowercase,
  parallelLimited,
  paymentRequired,
  quotaLimited,
  rateLimitedTemplateOnly,
  unauthorizedBare,
} from './late-2026-error.replies';

/** What a scripted failure needs to know about the request it answers. */
export interface FailureContext {
  baseUrl: string;
  parentId: string | null;
}

const DEFAULT_WAIT_HOURS = 10;

/**
 * The reply for a scripted failure, exactly as protocol §6 describes it. `options.details`
 * replaces the text of JSON envelopes; the WAF page and the captcha answer have no such text.
 */
export function failureReply(failure: FailureName, context: FailureContext, options: FailureOptions = {}): QwenErrorReply {
  const { details } = options;
  switch (failure) {
    case 'daily-limit':
      return dailyLimit(options.num ?? DEFAULT_WAIT_HOURS, details);
    case 'overloaded':
      return overloaded(details);
    case 'bad-request':
      return badRequest(details);
    case 'token-expired':
      return tokenExpired(details);
    case 'http-401':
      return notAuthenticated(details);
    case 'http-403':
      return forbidden(details);
    case 'http-500':
      return internalServerError(details);
    case 'waf-html':
      return wafPage();
    case 'captcha':
      return captchaChallenge(context.baseUrl);
    case 'moderation':
      return moderationRefusal(details);
    case 'unknown-parent':
      return unknownParent(context.parentId, details);
    case 'not-found':
      return chatNotFound(details);
    case 'rate-limited-template':
      return rateLimitedTemplateOnly();
    case 'unauthorized-bare':
      return unauthorizedBare();
    case 'parallel-limited':
      return parallelLimited(details);
    case 'quota-limited':
      return quotaLimited(details);
    case 'http-402':
      return paymentRequired(details);
    case 'invalid-input':
      return invalidInput(details);
    case 'not-found-lowercase':
      return notFoundLowercase(details);
    case 'guest-limit':
      return guestLimit(details);
  }
}
