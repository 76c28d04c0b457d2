import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AuthenticationError } from '@qwen-proxy/contracts';
import { presentedToken } from './admin-token';

/**
 * Guards `/v1/*`. On loopback with no API keys defined, any non-empty key is accepted (the
 * Quick Start promise: point a client here "with any key"). API keys arrive with issue 9.
 */
@Injectable()
export class ClientKeyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (!presentedToken(request.headers)) {
      throw new AuthenticationError(
        'Send an API key: any non-empty value works while no keys are defined, e.g. "Authorization: Bearer sk-local".',
        { code: 'missing_api_key' },
      );
    }
    return true;
  }
}
