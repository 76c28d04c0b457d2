import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Request } from 'express';
import type { ListenerManager, ListenerName } from '../listeners/listener-manager';
import { shapeApiDocument } from './api-document';

/**
 * Swagger UI at `/docs` on the control plane, describing `/api/*` and `/v1/*`. The servers are
 * filled in per request: ports can change at a stop/start (port 0 in tests), and the host is
 * the one the browser used, so Try it out reaches the proxy through an origin CORS allows.
 */
export function setUpApiDocs(app: INestApplication, listeners: ListenerManager): void {
  const document = createApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/json',
    swaggerOptions: { persistAuthorization: false, tryItOutEnabled: false },
    patchDocumentOnRequest: <TRequest>(request: TRequest, _response: unknown, generated: OpenAPIDocument) => {
      const host = hostnameOf((request as Request).header('host'));
      const urlOf = (name: ListenerName) => {
        const { port } = listeners.state(name);
        return `http://${host}:${port}`;
      };
      return shapeApiDocument(generated, { proxyUrl: urlOf('proxy'), routerUrl: urlOf('router'), controlUrl: urlOf('control') });
    },
  });
}

/**
 * The document Nest generates from the controllers and DTOs, before the per-request servers are
 * filled in. Also what `scripts/write-console-types.ts` turns into the console's types.
 */
export function createApiDocument(app: INestApplication): OpenAPIDocument {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Qwen Proxy')
      .setDescription(
        'The control plane (`/api/*`, admin token) answers on CONTROL_PORT (3002). The OpenAI-compatible API (`/v1/*`, API key; any non-empty key in open mode) answers on PROXY_PORT (3000) for your Qwen web accounts and on ROUTER_PORT (3001) for every enabled provider: its operations list those two servers, so Try it out goes to the right port. Authorize with the admin token for `/api/*` and with an API key for `/v1/*`.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
}

type OpenAPIDocument = Parameters<typeof shapeApiDocument>[0];

/** The host name the browser used (the Host check already refused foreign ones), without its port. */
function hostnameOf(hostHeader: string | undefined): string {
  if (!hostHeader) return '127.0.0.1';
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.split(':')[0] || '127.0.0.1';
}
