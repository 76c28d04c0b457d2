import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, PathItemObject, SchemaObject, ServerObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { requestExamples } from './request-examples';

/** Where each surface answers, as the browser that opened /docs reaches this machine. */
export interface ApiServers {
  proxyUrl: string;
  routerUrl: string;
  controlUrl: string;
}

export const securitySchemeNames = { adminToken: 'admin-token', apiKey: 'api-key', anthropicKey: 'x-api-key', extensionToken: 'extension-token' } as const;

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Turns the document Nest generates into one whose "Try it out" works: `/v1/*` operations name
 * the proxy and router ports as their servers (on the control port they are 404 `wrong_port`),
 * everything else the control port; each operation asks for its own credential (admin token,
 * API key, extension token) instead of one shared "bearer"; request bodies carry examples that
 * succeed; and a union schema loses the `type: object` Nest adds to it, which made Swagger UI
 * generate `{}` where a string belongs. Pure: returns a new document.
 */
/** `/v1/*` operations the proxy port answers with a 404 naming the router. */
const routerOnlyPaths = new Set(['/v1/embeddings']);

export function shapeApiDocument(generated: OpenAPIObject, servers: ApiServers): OpenAPIObject {
  const document = structuredClone(generated);
  const controlServers: ServerObject[] = [{ url: servers.controlUrl, description: 'Control plane (CONTROL_PORT)' }];
  const clientServers: ServerObject[] = [
    { url: servers.proxyUrl, description: 'Qwen proxy (PROXY_PORT): your Qwen web accounts' },
    { url: servers.routerUrl, description: 'Provider router (ROUTER_PORT): every enabled provider' },
  ];
  document.servers = controlServers;
  document.components = {
    ...document.components,
    securitySchemes: {
      [securitySchemeNames.adminToken]: { type: 'http', scheme: 'bearer', description: 'The admin token (`data/admin-token`, printed at start) for `/api/*`.' },
      [securitySchemeNames.apiKey]: {
        type: 'http',
        scheme: 'bearer',
        description: 'An API key for `/v1/*` (`sk-qp-…`); in open mode any non-empty value. `GET /api/api-keys/access` says which mode is on. The admin token works too.',
      },
      [securitySchemeNames.anthropicKey]: { type: 'apiKey', in: 'header', name: 'x-api-key', description: 'The same API key, as Anthropic clients send it.' },
      [securitySchemeNames.extensionToken]: { type: 'http', scheme: 'bearer', description: 'The token a paired Chrome extension received; it can only deliver credentials.' },
    },
    schemas: Object.fromEntries(Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => [name, withoutUnionType(schema as SchemaObject)])),
  };
  for (const [path, item] of Object.entries(document.paths) as [string, PathItemObject][]) {
    const clientApi = path.startsWith('/v1/');
    // Embeddings exist on the router only: Try it out on the proxy port would be its 404.
    if (clientApi) item.servers = routerOnlyPaths.has(path) ? clientServers.slice(1) : clientServers;
    for (const method of methods) {
      const operation = item[method];
      if (!operation) continue;
      operation.security = securityOf(path, operation);
      const example = requestExamples[`${method} ${path}`];
      const json = (operation.requestBody as { content?: Record<string, { example?: unknown }> } | undefined)?.content?.['application/json'];
      if (example !== undefined && json) json.example = example;
    }
  }
  return document;
}

function securityOf(path: string, operation: OperationObject): OperationObject['security'] {
  if (path.startsWith('/v1/')) {
    return path.startsWith('/v1/messages')
      ? [{ [securitySchemeNames.anthropicKey]: [] }, { [securitySchemeNames.apiKey]: [] }]
      : [{ [securitySchemeNames.apiKey]: [] }];
  }
  // What Nest wrote: no security at all means a public endpoint (health, pairing).
  if (!operation.security?.length) return operation.security;
  if (path === '/api/extension/credentials' || path === '/api/extension/status') return [{ [securitySchemeNames.extensionToken]: [] }];
  return [{ [securitySchemeNames.adminToken]: [] }];
}

function withoutUnionType(schema: SchemaObject): SchemaObject {
  const properties = schema.properties as Record<string, SchemaObject> | undefined;
  if (!properties) return schema;
  return {
    ...schema,
    properties: Object.fromEntries(
      Object.entries(properties).map(([name, property]) => {
        if (!property.oneOf || property.type !== 'object') return [name, property];
        const { type: _unionType, ...rest } = property;
        return [name, rest];
      }),
    ),
  };
}
