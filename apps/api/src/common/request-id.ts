import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestLogContext } from './request-context';

declare module 'express-serve-static-core' {
  interface Request {
    /** This request's id, ours alone (a client's own id could repeat and collide in the log). */
    requestId: string;
  }
}

/** Every response carries `x-request-id`; rows, logs and errors use the same id. */
export function requestIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  request.requestId = `req_${randomUUID().replace(/-/g, '')}`;
  response.setHeader('x-request-id', request.requestId);
  requestLogContext.run({ requestId: request.requestId }, next);
}
