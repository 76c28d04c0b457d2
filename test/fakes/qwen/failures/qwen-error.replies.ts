import { randomUUID } from 'node:crypto';
import { htmlReply, jsonReply, type HttpReply } from '../http/http-reply';

/** The `data.code` values of the real service's error envelopes (protocol §6). */
export type QwenErrorCode =
  | 'Bad_Request'
  | 'RateLimited'
  | 'quota_limit'
  | 'unauthorized'
  | 'Unauthorized'
  | 'Forbidden'
  | 'Internal_Server_Error'
  | 'data_inspection_failed'
  | 'Not_Found'
  // 2026 (see late-2026-error.replies.ts)
  | 'ParallelLimited'
  | 'quotaLimited'
  | 'invalid_input';

/** An answer the real service gives instead of what was asked, with the code the fake records. */
export interface QwenErrorReply {
  reply: HttpReply;
  /** `data.code` for envelopes; a name such as `waf-html` for replies that have none. */
  code: string;
}

/** The `{"success": false, "request_id", "data": {"code", "details", …}}` envelope, HTTP 200 unless said otherwise. */
export function errorEnvelope(
  code: QwenErrorCode,
  details: string,
  options: { status?: number; extra?: Record<string, unknown> } = {},
): QwenErrorReply {
  const body = { success: false, request_id: randomUUID(), data: { code, details, ...options.extra } };
  return { reply: jsonReply(options.status ?? 200, body), code };
}

/** The success envelope of the v2 API. */
export function successEnvelope(data: unknown): HttpReply {
  return jsonReply(200, { success: true, request_id: randomUUID(), data });
}

/** Stale version, missing cookies, `stream: false`, malformed bodies: all look alike from outside. */
export function badRequest(details = 'Internal error...'): QwenErrorReply {
  return errorEnvelope('Bad_Request', details);
}

export function tokenExpired(details = 'Token has expired, please log in again.'): QwenErrorReply {
  return errorEnvelope('unauthorized', details);
}

/** A missing, malformed or unknown token: a real 401. */
export function notAuthenticated(details = 'You are not logged in or your session is invalid.'): QwenErrorReply {
  return errorEnvelope('Unauthorized', details, { status: 401 });
}

export function forbidden(details = 'You do not have permission to access this resource.'): QwenErrorReply {
  return errorEnvelope('Forbidden', details, { status: 403 });
}

export function internalServerError(details = 'Internal Server Error'): QwenErrorReply {
  return errorEnvelope('Internal_Server_Error', details, { status: 500 });
}

export function unknownParent(parentId: string | null, details?: string): QwenErrorReply {
  return badRequest(details ?? `Invalid input chat parent_id ${String(parentId)} is not exist.`);
}

export function chatNotFound(details = 'Chat not found.'): QwenErrorReply {
  return errorEnvelope('Not_Found', details);
}

export function dailyLimit(hours: number, details = "You've reached the upper limit for today's usage."): QwenErrorReply {
  return errorEnvelope('RateLimited', details, {
    extra: { template: "You've reached the upper limit for today's usage. Please try again in {{num}} hours.", num: hours },
  });
}

export function overloaded(details = 'The system is busy, please try again later.'): QwenErrorReply {
  return errorEnvelope('quota_limit', details);
}

export function moderationRefusal(details = 'Input data may contain inappropriate content.'): QwenErrorReply {
  return errorEnvelope('data_inspection_failed', details);
}

/** Alibaba Cloud WAF's interstitial: HTTP 200, HTML, with the `aliyun_waf_aa` marker. */
export function wafPage(): QwenErrorReply {
  const html = [
    '<!doctype html><html><head><meta charset="utf-8"><title>Security verification</title></head>',
    '<body><div id="aliyun_waf_aa"></div>',
    `<script>var arg1='${randomUUID().replace(/-/g, '').toUpperCase()}';</script>`,
    '<script src="/_____tmd_____/waf_challenge.js"></script></body></html>',
  ].join('');
  return { reply: htmlReply(200, html), code: 'waf-html' };
}

/** The risk-control answer asking to solve a captcha: HTTP 200 JSON with `ret` and `data.url`. */
export function captchaChallenge(baseUrl: string): QwenErrorReply {
  const token = randomUUID().replace(/-/g, '');
  const body = {
    ret: ['FAIL_SYS_USER_VALIDATE', 'RGV587_ERROR::SM::哎哟喂,被挤爆啦,请稍后重试!'],
    data: {
      url: `${baseUrl}/api/v2/chat/completions/_____tmd_____/punish?x5secdata=${token}&x5step=2&action=captchaconnect`,
    },
  };
  return { reply: jsonReply(200, body), code: 'captcha' };
}

/** FastAPI's answers for unknown paths and wrong methods. */
export function routeNotFound(): QwenErrorReply {
  return { reply: jsonReply(404, { detail: 'Not Found' }), code: 'http-404' };
}

export function methodNotAllowed(): QwenErrorReply {
  return { reply: jsonReply(405, { detail: 'Method Not Allowed' }), code: 'http-405' };
}
