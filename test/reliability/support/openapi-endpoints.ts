export interface Endpoint {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** The documented path, `{id}` placeholders filled in. */
  path: string;
  /** The documented template, for messages. */
  template: string;
}

const methods = ['get', 'post', 'patch', 'put', 'delete'] as const;

/**
 * Every endpoint the app documents (Swagger at `/docs/json`), so a matrix or a fuzzer covers
 * endpoints added later without being edited. Placeholders get a value that reaches the handler.
 */
export async function documentedEndpoints(controlUrl: string): Promise<Endpoint[]> {
  const document = (await (await fetch(`${controlUrl}/docs/json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  const endpoints: Endpoint[] = [];
  for (const [template, operations] of Object.entries(document.paths)) {
    for (const method of methods) {
      if (!operations[method]) continue;
      const path = template.replace(/\{(\w+)\}/g, (_match, name: string) => (template.startsWith('/v1/models') && name === 'id' ? 'qwen3-max' : '00000000-0000-4000-8000-000000000000'));
      endpoints.push({ method: method.toUpperCase() as Endpoint['method'], path, template });
    }
  }
  return endpoints;
}

/** `/v1/*`: served on the proxy and router ports, guarded by client API keys. */
export const isClientApi = (endpoint: Endpoint): boolean => endpoint.path.startsWith('/v1/');

/** The browser extension's own endpoints: its pairing code or scoped token, not the admin token. */
export const hasOwnCredential = (endpoint: Endpoint): boolean => /^\/api\/extension\/(pair|credentials|status)$/.test(endpoint.path);

/** Control-plane endpoints behind the admin token. */
export const isAdminApi = (endpoint: Endpoint): boolean => endpoint.path.startsWith('/api/') && !hasOwnCredential(endpoint);
