import type { NextFunction, Request, Response } from 'express';
import { gatewayErrorFor } from '@qwen-proxy/contracts';
import { RequestRecorder } from './request-recorder';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set once the chat pipeline records this request itself. */
    recordingStarted?: boolean;
  }
  interface Locals {
    /** The error code and message sent, for the request log. */
    sentError?: { code: string; message: string };
  }
}

const surfaceByPath: [RegExp, string][] = [
  [/^\/v1\/chat\/completions\/?$/, 'openai-chat'],
  [/^\/v1\/messages\/count_tokens\/?$/, 'anthropic-count-tokens'],
  [/^\/v1\/messages\/?$/, 'anthropic-messages'],
  [/^\/v1\/responses\/?$/, 'openai-responses'],
  [/^\/v1\/completions\/?$/, 'openai-completions'],
  [/^\/v1\/embeddings\/?$/, 'embeddings'],
];

/**
 * Requests refused before they reached a provider (bad JSON, a failed validation, a missing key)
 * still leave their row in the request log, so a user debugging a client sees why it failed.
 * Registered ahead of the body parser, so even malformed JSON is logged. The row keeps status and
 * reason but never the body: anyone who can reach the port could otherwise fill the disk with
 * refused multi-megabyte bodies (10 x 5.7 MB without a key added 62 MB).
 */
export function rejectionRecording(recorder: RequestRecorder) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method === 'POST' && request.path.startsWith('/v1/') && request.listener !== 'control') {
      response.once('finish', () => {
        if (request.recordingStarted) return;
        const body = (request.body ?? {}) as { model?: unknown; stream?: unknown; messages?: unknown };
        const sent = response.locals.sentError;
        const recording = recorder.begin({
          requestId: request.requestId,
          listener: request.listener === 'router' ? 'router' : 'proxy',
          surface: surfaceByPath.find(([pattern]) => pattern.test(request.path))?.[1] ?? 'unknown',
          model: typeof body.model === 'string' ? body.model.slice(0, 200) : '',
          stream: body.stream === true,
          messageCount: Array.isArray(body.messages) ? body.messages.length : 0,
          clientUserAgent: request.header('user-agent'),
          apiKeyId: request.apiKey?.id,
        });
        recording.end({
          statusCode: response.statusCode,
          cancelled: false,
          error: sent ? gatewayErrorFor(response.statusCode, sent.message, { code: sent.code }) : undefined,
        });
      });
    }
    next();
  };
}
