import type { NextFunction, Request, Response } from 'express';
import { PermissionDeniedError } from '@qwen-proxy/contracts';
import { sendOpenAiError } from '../common/gateway-exception.filter';
import { isLoopbackHost } from '../config/app-config';

const loopbackNames = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** The host name of a Host header, without port or IPv6 brackets' port. */
export function hostNameOf(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  const trimmed = hostHeader.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(0, trimmed.indexOf(']') + 1);
  return trimmed.split(':')[0];
}

/**
 * DNS-rebinding guard: a web page can make a browser send requests to 127.0.0.1 under its own
 * host name, which would make the page same-origin with our ports. While we listen on loopback,
 * only loopback names (and ALLOWED_HOSTS) are answered. On another bind address, `/v1` relies
 * on API keys and `/api` on the admin token instead.
 */
export function hostCheck(bindHost: string, allowedHosts: readonly string[]) {
  const allowed = new Set([...loopbackNames, ...allowedHosts.map((host) => host.toLowerCase())]);
  const onLoopback = isLoopbackHost(bindHost);
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!onLoopback) return next();
    const name = hostNameOf(request.header('host'));
    if (name && allowed.has(name)) return next();
    sendOpenAiError(
      response,
      new PermissionDeniedError(
        `Host "${request.header('host') ?? ''}" is not allowed: Qwen Proxy answers only localhost names while it listens on loopback (add names to ALLOWED_HOSTS to allow more).`,
        { code: 'host_not_allowed' },
      ),
    );
  };
}

/** Headers that keep the console from being framed, sniffed or leaking its URL (token) onwards. */
export function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  response.setHeader('x-content-type-options', 'nosniff');
  if ((request.listener ?? 'control') === 'control') {
    response.setHeader('x-frame-options', 'DENY');
    response.setHeader('referrer-policy', 'no-referrer');
    response.setHeader('cross-origin-opener-policy', 'same-origin');
    if (!request.path.startsWith('/docs')) {
      response.setHeader(
        'content-security-policy',
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
          "connect-src 'self' http://127.0.0.1:* http://localhost:*; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
      );
    }
  }
  next();
}
