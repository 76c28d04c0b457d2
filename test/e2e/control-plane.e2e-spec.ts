import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestStack, type TestStack } from './support/test-stack';

describe('control plane', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ seedAccount: false });
  });
  afterAll(() => stack.close());

  it('keeps /api/* behind the admin token', async () => {
    const anonymous = await fetch(`${stack.app.controlUrl}/api/credentials`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('admin_token_missing');
    const wrong = await fetch(`${stack.app.controlUrl}/api/credentials`, { headers: { authorization: 'Bearer not-the-token-at-all' } });
    expect(wrong.status).toBe(401);
    expect((await stack.control('/api/credentials')).status).toBe(200);
  });

  it('stores credentials encrypted, shows them masked, and deletes them', async () => {
    const created = await stack.control('/api/credentials', {
      method: 'POST',
      body: JSON.stringify({ cookies: stack.account.cookies, label: 'Work account', bxUa: 'fingerprint-123' }),
    });
    expect(created.status).toBe(201);
    const view = (await created.json()) as Record<string, unknown>;
    expect(view).toMatchObject({ label: 'Work account', status: 'valid', source: 'api' });
    expect(view['cookieNames']).toEqual(expect.arrayContaining(['token', 'acw_tc']));
    expect(Number(view['expiresAt'])).toBeGreaterThan(Date.now());

    const listed = await (await stack.control('/api/credentials')).text();
    const token = stack.account.token;
    expect(listed).not.toContain(token);
    expect(listed).not.toContain('fingerprint-123');
    expect(listed).toContain(token.slice(0, 4));

    // Nothing secret sits in the database file in clear text.
    await stack.flushRecords();
    const database = readFileSync(join(stack.dataDirectory, 'qwen-proxy.sqlite')).toString('latin1');
    const wal = readFileSync(join(stack.dataDirectory, 'qwen-proxy.sqlite-wal')).toString('latin1');
    expect(database + wal).not.toContain(token);
    expect(database + wal).not.toContain('fingerprint-123');

    // Reconnecting the same Qwen user updates its row instead of adding one, and keeps what the
    // reconnect does not resend (the bx-* fingerprint).
    await stack.control('/api/credentials', { method: 'POST', body: JSON.stringify({ token, cookies: stack.account.cookies }) });
    const all = (await (await stack.control('/api/credentials')).json()) as { id: string; label: string }[];
    expect(all).toHaveLength(1);
    expect(all[0]!.label).toBe('Work account');
    const { CredentialsService } = await import('../../apps/api/src/credentials/credentials.service');
    const [usable] = await stack.app.app.get(CredentialsService).usable();
    expect(usable!.credentials.bxUa).toBe('fingerprint-123');

    expect((await stack.control(`/api/credentials/${all[0]!.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await stack.control(`/api/credentials/${all[0]!.id}`)).status).toBe(404);
  });

  it('tests an account with a real round trip, and marks it expired when Qwen says so', async () => {
    const created = (await (await stack.control('/api/credentials', { method: 'POST', body: JSON.stringify({ cookies: stack.account.cookies }) })).json()) as { id: string };
    const completionsBefore = stack.fake.requests.filter((request) => request.path.startsWith('/api/v2/chat/completions')).length;
    const ok = (await (await stack.control(`/api/credentials/${created.id}/test`, { method: 'POST' })).json()) as { ok: boolean; profile: { email: string } };
    expect(ok).toMatchObject({ ok: true, profile: { email: expect.stringContaining('@') }, completion: { model: 'qwen3-max', answerPreview: expect.stringContaining('You said') } });
    expect(ok).not.toHaveProperty('missingCookies');
    // A real completion went through, in a chat deleted afterwards.
    expect(stack.fake.requests.filter((request) => request.path.startsWith('/api/v2/chat/completions')).length).toBe(completionsBefore + 1);
    expect(stack.fake.requests.at(-1)).toMatchObject({ method: 'DELETE' });

    // A token-only paste: warned at paste time, and Test fails as real chats will, marking the account.
    const tokenOnly = (await (await stack.control('/api/credentials', { method: 'POST', body: JSON.stringify({ cookies: `token=${stack.fake.issueAccount().token}`, label: 'token only' }) })).json()) as {
      id: string;
      status: string;
      missingCookies: string[];
    };
    expect(tokenOnly).toMatchObject({ status: 'valid', missingCookies: ['acw_tc', 'ssxmod_itna', 'cna', 'tfstk', 'isg'] });
    const refused = (await (await stack.control(`/api/credentials/${tokenOnly.id}/test`, { method: 'POST' })).json()) as { ok: boolean; code: string };
    expect(refused).toMatchObject({ ok: false, code: 'qwen_bad_request', missingCookies: expect.arrayContaining(['acw_tc']) });
    let state: { status: string; statusReason: string } | undefined;
    for (const deadline = Date.now() + 5000; Date.now() < deadline && state?.status !== 'invalid'; await new Promise((resolve) => setTimeout(resolve, 20))) {
      state = (await (await stack.control(`/api/credentials/${tokenOnly.id}`)).json()) as typeof state;
    }
    expect(state).toMatchObject({ status: 'invalid', statusReason: expect.stringContaining('acw_tc, ssxmod_itna') });
    await stack.control(`/api/credentials/${tokenOnly.id}`, { method: 'DELETE' });
    const stale = stack.fake.issueAccount({ expiresInSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const staleView = (await (await stack.control('/api/credentials', { method: 'POST', body: JSON.stringify({ ...stale, label: 'stale' }) })).json()) as { id: string };
    const failed = (await (await stack.control(`/api/credentials/${staleView.id}/test`, { method: 'POST' })).json()) as { ok: boolean; code: string };
    expect(failed).toMatchObject({ ok: false, code: 'qwen_token_expired' });
    await stack.control(`/api/credentials/${staleView.id}`, { method: 'DELETE' });
    await stack.control(`/api/credentials/${created.id}`, { method: 'DELETE' });
  });

  it('validates credential input', async () => {
    const noToken = await stack.control('/api/credentials', { method: 'POST', body: JSON.stringify({ cookies: 'acw_tc=1' }) });
    expect(noToken.status).toBe(400);
    expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe('missing_token');
    const noCookies = await stack.control('/api/credentials', { method: 'POST', body: JSON.stringify({ token: 'abc' }) });
    expect(noCookies.status).toBe(400);
    expect(((await noCookies.json()) as { error: { param: string } }).error.param).toBe('cookies');
    expect((await stack.control('/api/credentials/not-a-uuid')).status).toBe(400);
  });

  it('serves Swagger UI and an OpenAPI document describing /api and /v1', async () => {
    const ui = await fetch(`${stack.app.controlUrl}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
    const document = (await (await fetch(`${stack.app.controlUrl}/docs/json`)).json()) as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/credentials', '/v1/chat/completions', '/v1/models', '/health']));
    expect(document.components.schemas).toHaveProperty('ChatCompletionRequestDto');
  });

  describe('the OpenAPI document a Try it out runs from', () => {
    interface Operation {
      responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
      security?: Record<string, unknown>[];
      requestBody?: { content?: Record<string, { example?: unknown }> };
    }
    interface OpenApi {
      servers: { url: string }[];
      paths: Record<string, Record<string, Operation> & { servers?: { url: string }[] }>;
      components: { securitySchemes: Record<string, unknown>; schemas: Record<string, { properties?: Record<string, { type?: string; nullable?: boolean; properties?: unknown; additionalProperties?: unknown; oneOf?: unknown }> }> };
    }
    const operationsOf = (document: OpenApi) =>
      Object.entries(document.paths).flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([method]) => ['get', 'post', 'patch', 'put', 'delete'].includes(method))
          .map(([method, operation]) => ({ path, method, operation: operation as Operation, servers: item.servers ?? document.servers })),
      );
    const load = async () => (await (await fetch(`${stack.app.controlUrl}/docs/json`)).json()) as OpenApi;

    it('sends /v1 to the proxy and router ports and /api to the control port', async () => {
      const document = await load();
      expect(document.servers.map((server) => server.url)).toEqual([stack.app.controlUrl]);
      expect(document.paths['/v1/embeddings']).toBeDefined();
      for (const { path, servers } of operationsOf(document)) {
        const expected = path === '/v1/embeddings' ? [stack.app.routerUrl] : path.startsWith('/v1/') ? [stack.app.proxyUrl, stack.app.routerUrl] : [stack.app.controlUrl];
        expect([path, servers.map((server) => server.url)]).toEqual([path, expected]);
      }
    });

    it('asks the admin token for /api and an API key for /v1, under separate schemes', async () => {
      const document = await load();
      expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['admin-token', 'api-key', 'extension-token', 'x-api-key']);
      for (const { path, operation } of operationsOf(document)) {
        const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
        if (path.startsWith('/v1/')) expect([path, schemes]).toEqual([path, expect.arrayContaining(['api-key'])]);
        else if (path.startsWith('/api/extension/credentials') || path === '/api/extension/status') expect(schemes).toEqual(['extension-token']);
        else if (path.startsWith('/api/') && path !== '/api/extension/pair') expect([path, schemes]).toEqual([path, ['admin-token']]);
        else expect([path, schemes]).toEqual([path, []]);
      }
    });

    it('gives every operation a response schema, and every nullable field a type', async () => {
      const document = await load();
      const missing = operationsOf(document)
        .filter(({ operation }) => !Object.entries(operation.responses).some(([status, response]) => status === '204' || (status.startsWith('2') && Object.values(response.content ?? {}).some((media) => media.schema))))
        .map(({ method, path }) => `${method} ${path}`);
      expect(missing).toEqual([]);
      const untyped = Object.entries(document.components.schemas).flatMap(([name, schema]) =>
        Object.entries(schema.properties ?? {})
          .filter(([, property]) => property.type === 'object' && !property.properties && !property.additionalProperties)
          .map(([field]) => `${name}.${field}`),
      );
      expect(untyped).toEqual([]);
    });

    it('has request examples that succeed when executed as they stand', async () => {
      const document = await load();
      const examples = operationsOf(document).filter(({ operation }) => operation.requestBody?.content?.['application/json']?.example !== undefined);
      expect(examples.map(({ method, path }) => `${method} ${path}`)).toEqual(expect.arrayContaining(['post /v1/chat/completions', 'patch /api/settings', 'post /v1/messages']));
      const account = (await (await stack.control('/api/credentials', { method: 'POST', body: JSON.stringify({ cookies: stack.account.cookies }) })).json()) as { id: string };
      const settingsBefore = await (await stack.control('/api/settings')).json();
      for (const { path, method, operation, servers } of examples) {
        if (method === 'post' && (path === '/api/providers' || path === '/api/api-keys')) continue; // they add state; checked by their own specs
        const token = path.startsWith('/v1/') ? 'anything' : stack.app.adminToken;
        const response = await fetch(`${servers[0]!.url}${path}`, {
          method: method.toUpperCase(),
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
          body: JSON.stringify(operation.requestBody!.content!['application/json']!.example),
        });
        expect([method, path, response.status]).toEqual([method, path, 200]);
      }
      expect(await (await stack.control('/api/settings')).json()).toEqual(settingsBefore);
      await stack.control(`/api/credentials/${account.id}`, { method: 'DELETE' });
    });
  });

  it('validates runtime settings and keeps them across a restart', async () => {
    const bad = await stack.control('/api/settings', { method: 'PATCH', body: JSON.stringify({ routingStrategy: 'fastest' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { param: string } }).error.param).toBe('routingStrategy');
    const unknown = await stack.control('/api/settings', { method: 'PATCH', body: JSON.stringify({ noSuchSetting: 1 }) });
    expect(unknown.status).toBe(400);
    const changed = await stack.control('/api/settings', { method: 'PATCH', body: JSON.stringify({ routingStrategy: 'least-busy', modelAliases: { fast: 'qwen3-max' }, retentionDays: 40 }) });
    expect(changed.status).toBe(200);
    // A second PATCH names one other setting and changes only that one.
    const second = await stack.control('/api/settings', { method: 'PATCH', body: JSON.stringify({ bodyRetentionDays: 5 }) });
    const kept = { routingStrategy: 'least-busy', modelAliases: { fast: 'qwen3-max' }, retentionDays: 40, bodyRetentionDays: 5 };
    expect(await second.json()).toMatchObject(kept);
    await stack.restart();
    expect(await (await stack.control('/api/settings')).json()).toMatchObject(kept);
  });

  it('streams live status events to the console', async () => {
    const controller = new AbortController();
    const response = await stack.control('/api/events', { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    let text = '';
    const received = (async () => {
      while (!text.includes('event: listener-changed')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    })();
    await stack.control('/api/proxy/stop', { method: 'POST' });
    await received;
    controller.abort();
    expect(text).toContain('"running":false');
    await stack.control('/api/proxy/start', { method: 'POST' });
  });

  it("lets the console's origin (and no other) call the proxy from a browser", async () => {
    const consoleOrigin = stack.app.controlUrl;
    const preflight = await fetch(`${stack.app.proxyUrl}/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: { origin: consoleOrigin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(consoleOrigin);
    const foreign = await fetch(`${stack.app.proxyUrl}/v1/models`, { headers: { origin: 'https://evil.example', authorization: 'Bearer x' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('reports health', async () => {
    const health = (await (await fetch(`${stack.app.controlUrl}/health`)).json()) as { status: string; database: string };
    expect(health).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('keeps each surface on its own port', async () => {
    const openAiOnControl = await fetch(`${stack.app.controlUrl}/v1/models`, { headers: { authorization: 'Bearer x' } });
    expect(openAiOnControl.status).toBe(404);
    expect(((await openAiOnControl.json()) as { error: { code: string } }).error.code).toBe('wrong_port');
    const apiOnProxy = await stack.proxy('/api/credentials');
    expect(apiOnProxy.status).toBe(404);
    const unknown = await stack.proxy('/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
  });
});
