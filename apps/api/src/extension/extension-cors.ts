import type { NextFunction, Request, Response } from 'express';
import { extensionIdOfOrigin } from './extension-origin';

/** Which origins may read the answers of the extension endpoints. */
export interface ExtensionCorsPolicy {
  /** `/api/extension/pair`: any extension origin, since it is not paired yet; the one-time code is the proof. */
  allowsPairing(origin: string): boolean;
  /** Every other extension endpoint: only the origins of extensions paired before. */
  allowsPaired(origin: string): boolean;
}

export function extensionCorsPolicy(isPairedOrigin: (origin: string) => boolean): ExtensionCorsPolicy {
  return {
    allowsPairing: (origin) => extensionIdOfOrigin(origin) !== undefined,
    allowsPaired: (origin) => extensionIdOfOrigin(origin) !== undefined && isPairedOrigin(origin),
  };
}

/**
 * CORS for the extension's endpoints on the control plane. The extension normally holds host
 * permission for the control plane and needs no CORS; this covers a browser that applies it
 * anyway, and never admits a web page: a page's origin is never `chrome-extension://`.
 */
export function extensionCors(policy: ExtensionCorsPolicy) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const origin = request.header('origin');
    if (!origin) return next();
    const isPairing = /\/api\/extension\/pair\/?$/.test(request.path);
    const isExtensionEndpoint = isPairing || /\/api\/extension\/(credentials|status)\/?$/.test(request.path);
    const allowed = isExtensionEndpoint && (isPairing ? policy.allowsPairing(origin) : policy.allowsPaired(origin));
    if (!allowed) return next();
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader('vary', 'Origin');
    if (request.method === 'OPTIONS') {
      response.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      response.setHeader('access-control-allow-headers', 'authorization, content-type');
      response.setHeader('access-control-max-age', '600');
      response.status(204).end();
      return;
    }
    next();
  };
}
