import type { NextFunction, Request, Response } from 'express';
import { NotFoundError } from '@qwen-proxy/contracts';
import { sendOpenAiError } from '../common/gateway-exception.filter';

const sharedPaths = /^\/health(\/|$)/;

/**
 * Keeps each surface on its own listener: `/v1/*` on the proxy and router, everything else on the
 * control plane, so the management API is never reachable through the proxy port.
 */
export function listenerScope(request: Request, response: Response, next: NextFunction): void {
  const listener = request.listener ?? 'control';
  const isApi = request.path === '/v1' || request.path.startsWith('/v1/');
  if (sharedPaths.test(request.path)) return next();
  if (listener === 'control' && isApi) {
    return sendOpenAiError(
      response,
      new NotFoundError('The OpenAI-compatible API is served on the proxy port (PROXY_PORT, 3000 by default), not on the control plane.', {
        code: 'wrong_port',
      }),
    );
  }
  if (listener !== 'control' && !isApi) {
    return sendOpenAiError(
      response,
      new NotFoundError(`No route ${request.method} ${request.path} here: this port serves /v1/*. The control plane (console, /api, /docs) has its own port (CONTROL_PORT, 3002 by default).`, {
        code: 'not_found',
      }),
    );
  }
  next();
}
