import { startTestStack, type TestStack } from '../e2e/support/test-stack';
import { errorCodeOf, isSurfaceError } from './support/error-shapes';
import { documentedEndpoints, type Endpoint, hasOwnCredential, isAdminApi, isClientApi } from './support/openapi-endpoints';
import { parseJson, rawRequest, type RawResponse } from './support/raw-http';

/**
 * Every documented endpoint, on every port that serves it, against every way in that should
 * fail (issue 9, "Auth matrix"). What is expected, per architecture.md's trust boundaries:
 *
 * | credential / request | `/v1/*` (:3000, :3001) | `/api/*` (:3002) |
 * |---|---|---|
 * | none | 401 `missing_api_key` | 401 `admin_token_missing` |
 * | a wrong key | 401 `invalid_api_key` | 401 `admin_token_invalid` |
 * | a revoked key | 401 `api_key_revoked` | 401 (a client key is no admin token) |
 * | an over-budget key | 429 + `retry-after` | 401 |
 * | a foreign `Origin` | answered, but no `access-control-allow-origin` (the browser withholds it); preflight gets none either | same |
 * | a foreign `Host` | 403 `host_not_allowed` (DNS rebinding) | 403 `host_not_allowed` |
 *
 * The extension's own endpoints (`/api/extension/pair|credentials|status`) take its pairing code
 * or token instead: they must refuse (4xx) every credential here, and the Host check applies.
 * `/health*` and `/metrics` are public (loopback only): the Host and Origin rows apply to them.
 * Every refusal is in the error shape of the surface that serves the path.
 */
describe('auth matrix: every endpoint, every port, every way in that must fail', () => {
  let stack: TestStack;
  let endpoints: Endpoint[];
  const keys = { valid: '', revoked: '', overBudget: '' };

  const chatBody = JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }], max_tokens: 16, input: 'Hello' });
  const bodyFor = (endpoint: Endpoint) => (endpoint.method === 'GET' || endpoint.method === 'DELETE' ? undefined : isClientApi(endpoint) ? chatBody : '{}');
  const portsOf = (endpoint: Endpoint) => (isClientApi(endpoint) ? [stack.app.proxyUrl, stack.app.routerUrl] : [stack.app.controlUrl]);
  const hostOf = (url: string) => new URL(url).host;

  function send(base: string, endpoint: Endpoint, headers: Record<string, string>): Promise<RawResponse> {
    const body = bodyFor(endpoint);
    return rawRequest(`${base}${endpoint.path}`, {
      method: endpoint.method,
      headers: { host: hostOf(base), ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body,
    });
  }

  const createKey = (body: Record<string, unknown>) => stack.createApiKey(body);

  beforeAll(async () => {
    stack = await startTestStack();
    endpoints = await documentedEndpoints(stack.app.controlUrl);
  });
  afterAll(() => stack.close());

  it('documents the endpoints the matrix needs', () => {
    const paths = endpoints.map((endpoint) => `${endpoint.method} ${endpoint.path}`);
    expect(paths).toEqual(expect.arrayContaining(['POST /v1/chat/completions', 'GET /v1/models', 'GET /api/credentials', 'POST /api/api-keys']));
  });

  it('before any key exists, on loopback: /v1 takes any non-empty key and refuses none', async () => {
    for (const endpoint of endpoints.filter(isClientApi)) {
      for (const base of portsOf(endpoint)) {
        const none = await send(base, endpoint, {});
        expect({ endpoint: endpoint.path, status: none.status }).toEqual({ endpoint: endpoint.path, status: 401 });
        expect(isSurfaceError(endpoint.path, parseJson(none.body))).toBe(true);
        const any = await send(base, endpoint, { authorization: 'Bearer anything' });
        expect({ endpoint: endpoint.path, refused: [401, 403, 429].includes(any.status) }).toEqual({ endpoint: endpoint.path, refused: false });
      }
    }
  });

  describe('once keys exist', () => {
    beforeAll(async () => {
      keys.valid = (await createKey({ name: 'matrix-valid' })).key;
      const revoked = await createKey({ name: 'matrix-revoked' });
      expect((await stack.control(`/api/api-keys/${revoked.id}`, { method: 'DELETE' })).status).toBe(204);
      keys.revoked = revoked.key;
      // A key that used up its day's budget (budgets are reserved before a request, so no request
      // can spend past one: the used-up day is written into the request log directly).
      const overBudget = await createKey({ name: 'matrix-over-budget', tokensPerDay: 10 });
      keys.overBudget = overBudget.key;
      const now = Date.now();
      await stack.query(
        `INSERT INTO requests (id, listener, surface, model, stream, message_count, api_key_id, started_at) VALUES ('req_matrix_spent', 'proxy', 'openai-chat', 'qwen3-max', 0, 1, ?, ?)`,
        [overBudget.id, now],
      );
      await stack.query(
        `INSERT INTO responses (request_id, status_code, truncated, cancelled, total_tokens, usage_estimated, duration_ms, completed_at) VALUES ('req_matrix_spent', 200, 0, 0, 10, 0, 1, ?)`,
        [now],
      );
    });

    const cases = [
      { name: 'no key', headers: (): Record<string, string> => ({}), client: [401, 'missing_api_key'], admin: [401, 'admin_token_missing'] },
      { name: 'a wrong key', headers: () => ({ authorization: 'Bearer sk-qp-wrong' }), client: [401, 'invalid_api_key'], admin: [401, 'admin_token_invalid'] },
      { name: 'a wrong x-api-key', headers: () => ({ 'x-api-key': 'sk-qp-wrong' }), client: [401, 'invalid_api_key'], admin: [401, 'admin_token_invalid'] },
      // The admin token is taken only as a bearer token, never from x-api-key (where Anthropic clients send their key).
      { name: 'the admin token as x-api-key', headers: () => ({ 'x-api-key': stack.app.adminToken }), client: [401, 'invalid_api_key'], admin: [401, 'admin_token_invalid'] },
      { name: 'a revoked key', headers: () => ({ authorization: `Bearer ${keys.revoked}` }), client: [401, 'api_key_revoked'], admin: [401, 'admin_token_invalid'] },
      {
        name: 'an over-budget key',
        headers: () => ({ authorization: `Bearer ${keys.overBudget}` }),
        client: [429, 'api_key_daily_token_budget_exceeded'],
        admin: [401, 'admin_token_invalid'],
      },
      { name: 'a valid client key on the control plane', headers: () => ({ authorization: `Bearer ${keys.valid}` }), client: undefined, admin: [401, 'admin_token_invalid'] },
    ] as const;

    it.each(cases)('$name: refused with the status and code of the surface', async ({ headers, client, admin }) => {
      const failures: string[] = [];
      for (const endpoint of endpoints) {
        const expected = isClientApi(endpoint) ? client : isAdminApi(endpoint) ? admin : undefined;
        // Public endpoints (`/health`, `/metrics`) take no credential: only the Host check applies.
        if (!expected && !hasOwnCredential(endpoint)) continue;
        for (const base of portsOf(endpoint)) {
          const response = await send(base, endpoint, headers());
          const body = parseJson(response.body);
          const where = `${endpoint.method} ${base}${endpoint.path} → ${response.status} ${response.body.slice(0, 160)}`;
          if (hasOwnCredential(endpoint)) {
            if (response.status < 400 || response.status >= 500) failures.push(`expected a refusal: ${where}`);
            continue;
          }
          if (response.status !== expected![0]) failures.push(`expected ${expected![0]}: ${where}`);
          else if (!isSurfaceError(endpoint.path, body)) failures.push(`not the surface's error shape: ${where}`);
          // Anthropic's shape has no code, only a type; OpenAI's carries ours.
          else if (errorCodeOf(body) !== expected![1] && !/^\/v1\/messages/.test(endpoint.path)) failures.push(`expected code ${expected![1]}: ${where}`);
          if (expected![0] === 429 && !response.headers['retry-after']) failures.push(`no retry-after: ${where}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('a foreign Host header (DNS rebinding) is refused on every endpoint of every port, even with valid credentials', async () => {
      const failures: string[] = [];
      for (const endpoint of endpoints) {
        for (const base of portsOf(endpoint)) {
          const credential = isClientApi(endpoint) ? keys.valid : stack.app.adminToken;
          for (const host of ['evil.example', `evil.example:${new URL(base).port}`, 'localhost.evil.example']) {
            const response = await send(base, endpoint, { host, authorization: `Bearer ${credential}` });
            if (response.status !== 403 || errorCodeOf(parseJson(response.body)) !== 'host_not_allowed') {
              failures.push(`${endpoint.method} ${base}${endpoint.path} Host ${host} → ${response.status} ${response.body.slice(0, 120)}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it('a foreign Origin gets no CORS grant on any endpoint (preflight or request); the console origin does on /v1', async () => {
      const failures: string[] = [];
      const foreign = 'https://evil.example';
      const consoleOrigin = stack.app.controlUrl;
      for (const endpoint of endpoints) {
        for (const base of portsOf(endpoint)) {
          const preflight = await rawRequest(`${base}${endpoint.path}`, {
            method: 'OPTIONS',
            headers: { host: hostOf(base), origin: foreign, 'access-control-request-method': endpoint.method, 'access-control-request-headers': 'authorization,content-type' },
          });
          if (preflight.headers['access-control-allow-origin']) failures.push(`preflight granted: ${endpoint.method} ${base}${endpoint.path}`);
          // Real requests only where they change nothing and end (not the live events stream).
          const safe = isClientApi(endpoint) || (endpoint.method === 'GET' && endpoint.path !== '/api/events');
          if (!safe) continue;
          const credential = isClientApi(endpoint) ? keys.valid : stack.app.adminToken;
          const response = await send(base, endpoint, { origin: foreign, authorization: `Bearer ${credential}` });
          if (response.status >= 500) failures.push(`5xx: ${endpoint.method} ${base}${endpoint.path} → ${response.status}`);
          if (response.headers['access-control-allow-origin']) failures.push(`request granted: ${endpoint.method} ${base}${endpoint.path}`);
        }
        if (isClientApi(endpoint)) {
          const granted = await rawRequest(`${stack.app.proxyUrl}${endpoint.path}`, {
            method: 'OPTIONS',
            headers: { host: hostOf(stack.app.proxyUrl), origin: consoleOrigin, 'access-control-request-method': endpoint.method },
          });
          if (granted.headers['access-control-allow-origin'] !== consoleOrigin) failures.push(`console origin not granted: ${endpoint.path}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('a valid key and the admin token are let in where they belong', async () => {
      const models = await rawRequest(`${stack.app.proxyUrl}/v1/models`, { headers: { host: hostOf(stack.app.proxyUrl), authorization: `Bearer ${keys.valid}` } });
      expect(models.status).toBe(200);
      const anthropicStyle = await rawRequest(`${stack.app.routerUrl}/v1/models`, { headers: { host: hostOf(stack.app.routerUrl), 'x-api-key': keys.valid } });
      expect(anthropicStyle.status).toBe(200);
      const control = await rawRequest(`${stack.app.controlUrl}/api/credentials`, { headers: { host: hostOf(stack.app.controlUrl), authorization: `Bearer ${stack.app.adminToken}` } });
      expect(control.status).toBe(200);
      for (const host of ['localhost', '127.0.0.1', '[::1]']) {
        const response = await rawRequest(`${stack.app.proxyUrl}/v1/models`, { headers: { host: `${host}:${new URL(stack.app.proxyUrl).port}`, authorization: `Bearer ${keys.valid}` } });
        expect({ host, status: response.status }).toEqual({ host, status: 200 });
      }
    });
  });
});
