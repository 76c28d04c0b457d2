import { BadGatewayError, ConflictError, PayloadTooLargeError, type GatewayError } from '@qwen-proxy/contracts';

/*
 * Errors about what this proxy sent (the request side of the late-2026 protocol, PROTOCOL.md),
 * as opposed to what the account may do. None of them blames the account's cookies.
 */

/** "The chat is in progress!" / "Chat is still in progress" (pedrofariasx #9, Staks-sor/ai-free). */
export function isChatInProgress(details: string): boolean {
  return /chat is (still )?in progress/i.test(details);
}

/**
 * Qwen is still generating an earlier answer in this chat (a cancelled generation it was not told
 * to stop, or a repair turn sent too soon). Waiting a moment or opening a new chat fixes it.
 */
export function chatInProgressError(details: string): GatewayError {
  return new ConflictError(
    `Qwen is still generating an earlier answer in this chat ("${details}"). The proxy waits and retries, then ` +
      'continues in a new chat; if you see this, retry the request.',
    // Not the account's fault: no credential effect. The turn retries in a fresh chat.
    { code: 'qwen_chat_in_progress', retryable: true, details: { qwenDetails: details } },
  );
}

/**
 * A completion refused with Bad_Request while the front-end version could not be read from the
 * homepage: the version header is the first suspect (audit B1), not the cookies.
 */
export function webVersionUnknownError(baseUrl: string, homepagePath: string): GatewayError {
  return new BadGatewayError(
    `Qwen refused the completion (Bad_Request), and the web front-end version (the "version" header it ` +
      `requires) could not be read from ${baseUrl}${homepagePath}. Set QWEN_WEB_VERSION to the version in the ` +
      '"qwen-chat-fe/<version>/" asset paths of chat.qwen.ai\'s page source, or set QWEN_WEB_VERSION_PATTERN if ' +
      'the page changed.',
    { code: 'qwen_web_version_unknown', retryable: false },
  );
}

/**
 * The serialized completion body is over the size at which Qwen's risk control answers with a
 * captcha (~128 KiB, Rfym21 #147), and moving the history into an uploaded document failed.
 */
export function completionBodyTooLargeError(bodyBytes: number, limitBytes: number, reason?: string): GatewayError {
  return new PayloadTooLargeError(
    `This conversation is too large to send to Qwen in one message (${Math.ceil(bodyBytes / 1024)} KiB; Qwen ` +
      `answers bodies over about 128 KiB with a captcha, the proxy's limit is ${Math.floor(limitBytes / 1024)} KiB)` +
      `${reason ? `, and moving the earlier turns into an uploaded document failed (${reason})` : ''}. Shorten the ` +
      'system prompt, tool definitions or history, or start a new conversation.',
    { code: 'qwen_body_too_large', retryable: false, details: { bodyBytes, limitBytes } },
  );
}

/**
 * `chats/new` answered `unauthorized` although the token itself is valid (its `exp` is in the
 * future and `/api/v1/auths/` knows it): a request-side problem, never a reason to mark the
 * account expired.
 */
export function chatCreationRefusedError(details: string): GatewayError {
  return new BadGatewayError(
    `Qwen refused to open a chat ("${details}") although this account's login is valid. The web front-end ` +
      'version may have changed: the proxy re-reads it from the homepage; if this persists, set ' +
      'QWEN_WEB_VERSION or QWEN_VERSION_ON_CREATE_CHAT=false.',
    { code: 'qwen_chat_creation_refused', retryable: false, details: { qwenDetails: details } },
  );
}

/**
 * HTTP 200 with an empty body where a stream was expected (audit D10; Rfym21 #147 saw it when a
 * captcha was swallowed). The client tries once more before reporting it.
 */
export function emptyNonStreamAnswerError(): GatewayError {
  return new BadGatewayError(
    'Qwen answered HTTP 200 with an empty body instead of a stream, twice. Retry; if it keeps happening, run ' +
      '`npm run doctor` to see which step fails.',
    // Comes and goes; another account may well get an answer.
    { code: 'qwen_empty_response', retryable: true },
  );
}
