import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AuthenticationError } from '@qwen-proxy/contracts';
import { ADMIN_TOKEN } from './security.constants';
import { bearerToken, tokensMatch } from './admin-token';

/**
 * Guards the control plane's `/api/*`: the admin token as `Authorization: Bearer <token>`, and
 * only there. `x-api-key` is a client key header (Anthropic SDKs send it to any base URL): a
 * token that travels in it is not taken as the admin's.
 */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(@Inject(ADMIN_TOKEN) private readonly adminToken: string) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const token = bearerToken(request.headers);
    if (!token && request.headers['x-api-key']) {
      throw new AuthenticationError('The control plane takes the admin token only as "Authorization: Bearer <token>", never in x-api-key.', {
        code: 'admin_token_invalid',
      });
    }
    if (!token) {
      throw new AuthenticationError('The control plane needs the admin token: send "Authorization: Bearer <token>" (printed at start, also in DATA_DIR/admin-token).', {
        code: 'admin_token_missing',
      });
    }
    if (!tokensMatch(this.adminToken, token)) {
      throw new AuthenticationError('The admin token is not valid. Use the one printed at start (or in DATA_DIR/admin-token).', {
        code: 'admin_token_invalid',
      });
    }
    return true;
  }
}
