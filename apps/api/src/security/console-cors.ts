import type { NextFunction, Request, Response } from 'express';

/**
 * Lets the admin console (served by the control plane) call the OpenAI API on the proxy and
 * router ports from the browser — the Playground — and nobody else: a web page on another
 * origin gets no CORS headers, so the browser keeps it from reading answers.
 */
export function consoleCors(consoleOrigins: () => readonly string[]) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const origin = request.header('origin');
    if (!origin || request.listener === 'control' || !consoleOrigins().includes(origin)) return next();
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader('vary', 'Origin');
    response.setHeader('access-control-expose-headers', 'x-request-id, x-provider, x-provider-id, x-qwen-account, retry-after');
    if (request.method === 'OPTIONS') {
      response.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      response.setHeader('access-control-allow-headers', request.header('access-control-request-headers') ?? 'authorization, content-type');
      response.setHeader('access-control-max-age', '600');
      response.status(204).end();
      return;
    }
    next();
  };
}
