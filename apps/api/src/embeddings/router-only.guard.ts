import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { NotFoundError } from '@qwen-proxy/contracts';
import type { ListenerManager } from '../listeners/listener-manager';
import { LISTENER_MANAGER } from '../listeners/listeners.constants';

/**
 * Embeddings exist on the router port only: the Qwen web chat has none, so the proxy port says
 * where to go instead of a bare 404. Runs before the key guard and validation: whatever the
 * request holds, the answer on this port is the same.
 */
@Injectable()
export class RouterOnlyGuard implements CanActivate {
  constructor(@Inject(LISTENER_MANAGER) private readonly listeners: ListenerManager) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.listener === 'router') return true;
    throw new NotFoundError(
      `The Qwen web chat has no embeddings, so the Qwen proxy port does not serve ${request.method} ${request.path}. Send it to the provider router, ${this.listeners.url('router')}/v1/embeddings, with a model an OpenAI-compatible provider serves.`,
      { code: 'embeddings_on_router_only' },
    );
  }
}
