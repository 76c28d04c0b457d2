import express, { type NextFunction, type Request, type Response } from 'express';
import { BadRequestError, PayloadTooLargeError } from '@qwen-proxy/contracts';
import { errorWriterFor } from './gateway-exception.filter';

/**
 * JSON bodies, with parse failures answered in the API's own error shape instead of the
 * framework's HTML or ad-hoc JSON.
 */
export function jsonBodyParser(limit: string) {
  const parse = express.json({ limit, type: ['application/json', 'application/*+json', 'text/json'] });
  return (request: Request, response: Response, next: NextFunction): void => {
    parse(request, response, (error?: unknown) => {
      if (!error) return next();
      const sendError = errorWriterFor(request.path);
      const failure = error as { type?: string; message?: string; limit?: number };
      if (failure.type === 'entity.too.large') {
        return sendError(
          response,
          new PayloadTooLargeError(`The request body is larger than the limit of ${limit} (BODY_LIMIT).`, { code: 'request_too_large' }),
        );
      }
      if (failure.type === 'entity.parse.failed') {
        return sendError(
          response,
          new BadRequestError(`The request body is not valid JSON: ${failure.message ?? 'parse error'}.`, { code: 'invalid_json' }),
        );
      }
      return sendError(response, new BadRequestError(`The request body could not be read: ${failure.message ?? String(error)}.`, { code: 'invalid_body' }));
    });
  };
}
