import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AuthenticationError } from '@qwen-proxy/contracts';
import type { ExtensionTokenEntity } from '@qwen-proxy/persistence';
import { presentedToken } from '../security/admin-token';
import { ExtensionTokensService } from './extension-tokens.service';

/** A request that passed ExtensionTokenGuard, with the token's row. */
export interface ExtensionRequest extends Request {
  extensionToken: ExtensionTokenEntity;
}

/**
 * Guards the extension's own endpoints: a scoped extension token only. The admin token is not
 * accepted here, and an extension token is accepted nowhere else, so neither can stand in for
 * the other.
 */
@Injectable()
export class ExtensionTokenGuard implements CanActivate {
  constructor(private readonly tokens: ExtensionTokensService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ExtensionRequest>();
    const token = presentedToken(request.headers);
    if (!token) {
      throw new AuthenticationError('This endpoint needs the token of a paired extension: pair it from the admin console (Connect).', {
        code: 'extension_not_paired',
      });
    }
    const row = await this.tokens.authenticate(token);
    if (!row) {
      throw new AuthenticationError('The extension token is unknown or was revoked: pair the extension again from the admin console.', {
        code: 'extension_token_invalid',
      });
    }
    request.extensionToken = row;
    return true;
  }
}
