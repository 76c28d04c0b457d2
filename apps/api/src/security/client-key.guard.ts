import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ApiKeyEntity } from '@qwen-proxy/persistence';
import { ApiKeyAccessService } from '../api-keys/api-key-access.service';
import { bearerToken, presentedToken } from './admin-token';

declare module 'express-serve-static-core' {
  interface Request {
    /** The API key this request was let in with; unset in open mode or with the admin token. */
    apiKey?: ApiKeyEntity;
  }
}

/**
 * Guards `/v1/*` on every surface: the key comes as `Authorization: Bearer …` or as Anthropic's
 * `x-api-key`. Refusals are GatewayErrors, so each surface's filter words them in its own shape.
 */
@Injectable()
export class ClientKeyGuard implements CanActivate {
  constructor(private readonly access: ApiKeyAccessService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const requestId = request.requestId;
    request.apiKey = await this.access.authorize({
      presentedKey: presentedToken(request.headers),
      presentedAsBearer: bearerToken(request.headers) !== undefined,
      model: requestedModel(request),
      requestId,
      body: request.body,
      usesTokens: request.method === 'POST' && !/\/count_tokens\/?$/.test(request.path),
      answersWithTokens: !/\/embeddings\/?$/.test(request.path),
    });
    // A budget reservation that no recording takes over (refused after admission, a local
    // answer such as count_tokens) must not outlive the response.
    http.getResponse<Response>().once('close', () => this.access.releaseUnrecorded(requestId));
    return true;
  }
}

/** The model a request names: the body's `model` on every chat surface, the path on `GET /v1/models/{id}`. */
function requestedModel(request: Request): string | undefined {
  const body = request.body as { model?: unknown } | undefined;
  if (typeof body?.model === 'string') return body.model;
  const id = (request.params as Record<string, string | undefined> | undefined)?.['id'];
  return request.method === 'GET' && typeof id === 'string' ? id : undefined;
}
