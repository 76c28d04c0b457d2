import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { gatewayErrorFor, type GatewayError, InternalError, isGatewayError } from '@qwen-proxy/contracts';
import { sendAnthropicError } from '../anthropic/anthropic-error.mapping';
import { retryHeadersOf, toOpenAiErrorBody } from '../openai/openai-error.mapping';

/** Nest's own HTTP exceptions (guards, pipes, unknown routes) in the gateway's hierarchy. */
export function fromHttpException(exception: HttpException): GatewayError {
  const response = exception.getResponse();
  const message =
    typeof response === 'object' && response !== null && 'message' in response
      ? [(response as { message: unknown }).message].flat().join('; ')
      : exception.message;
  const status = exception.getStatus();
  return gatewayErrorFor(status, message, { code: status === 404 ? 'not_found' : `http_${status}` });
}

export function toGatewayErrorFromAny(exception: unknown): GatewayError {
  if (isGatewayError(exception)) return exception;
  if (exception instanceof HttpException) return fromHttpException(exception);
  return new InternalError('The proxy failed unexpectedly; the details are in its log.', { code: 'internal_error', cause: exception });
}

/** Writes a GatewayError as OpenAI's error shape with the retry headers. */
export function sendOpenAiError(response: Response, error: GatewayError): void {
  if (response.headersSent) {
    if (!response.writableEnded) response.end();
    return;
  }
  response.locals.sentError = { code: error.code, message: error.message };
  response.status(error.status).set(retryHeadersOf(error)).json(toOpenAiErrorBody(error));
}

type ErrorWriter = (response: Response, error: GatewayError) => void;

/** Surfaces with an error shape of their own, by path; every other path answers in OpenAI's shape. */
const errorWritersByPath: [RegExp, ErrorWriter][] = [[/^\/v1\/messages(\/|$)/, sendAnthropicError]];

/** The error writer of the wire surface a path belongs to. */
export function errorWriterFor(path: string): ErrorWriter {
  return errorWritersByPath.find(([pattern]) => pattern.test(path))?.[1] ?? sendOpenAiError;
}

/**
 * The one place errors become HTTP answers for `/v1/*` (OpenAI's shape; Anthropic's on
 * `/v1/messages`) and `/api/*` (which uses the same `{error:{message,type,param,code}}` shape).
 * Checks `headersSent` because a stream may fail after it began.
 */
@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const error = toGatewayErrorFromAny(exception);
    if (error.status >= 500 && !isGatewayError(exception)) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    errorWriterFor(request.path)(response, error);
  }
}
