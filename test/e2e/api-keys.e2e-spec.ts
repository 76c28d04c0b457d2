import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import { startTestStack, type TestStack } from './support/test-stack';

interface ErrorBody {
  error: { message: string; type: string; code: string; param: string | null };
}

describe('API keys for /v1: created in the console, shown once, stored hashed, limited', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  const createKey = (body: Record<string, unknown>) => stack.createApiKey(body);
  const chat = (key: string | undefined, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    fetch(`${stack.app.proxyUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { authorization: `Bearer ${key}` }), ...headers },
      body: JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }], ...body }),
    });

  it('is open to any non-empty key on loopback until the first key exists, then needs a valid one', async () => {
    expect((await chat('anything')).status).toBe(200);
    expect((await chat(undefined)).status).toBe(401);

    const created = await createKey({ name: 'ci' });
    expect(created.key).toMatch(/^sk-qp-[A-Za-z0-9_-]{43}$/);
    expect(created.keyPrefix).toBe(created.key.slice(0, 12));
    expect(created.status).toBe('active');

    const refused = await chat('anything');
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as ErrorBody).error).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key' });
    const missing = await chat(undefined);
    expect(((await missing.json()) as ErrorBody).error.code).toBe('missing_api_key');
    expect((await chat(created.key)).status).toBe(200);
    // The console's Playground uses the admin token.
    expect((await chat(stack.app.adminToken)).status).toBe(200);
  });

  it('stores only the hash, never shows the key again, and records which key made a request', async () => {
    const created = await createKey({ name: 'hashed' });
    const rows = await stack.query<{ key_hash: string; key_prefix: string }>('SELECT key_hash, key_prefix FROM api_keys WHERE id = ?', [created.id]);
    expect(rows).toEqual([{ key_hash: createHash('sha256').update(created.key).digest('hex'), key_prefix: created.key.slice(0, 12) }]);
    await stack.flushRecords();
    expect(readFileSync(join(stack.dataDirectory, 'qwen-proxy.sqlite')).includes(created.key)).toBe(false);

    const listed = (await (await stack.control('/api/api-keys')).json()) as Record<string, unknown>[];
    expect(listed.find((key) => key['id'] === created.id)).toMatchObject({ name: 'hashed', status: 'active', usage: { tokensToday: 0 } });
    expect(JSON.stringify(listed)).not.toContain(created.key);

    const answered = await chat(created.key);
    expect(answered.status).toBe(200);
    await stack.flushRecords();
    const [request] = await stack.query<{ api_key_id: string }>('SELECT api_key_id FROM requests WHERE id = ?', [answered.headers.get('x-request-id')]);
    expect(request!.api_key_id).toBe(created.id);
  });

  it('accepts the key as x-api-key, as Anthropic clients send it', async () => {
    const created = await createKey({ name: 'anthropic-style' });
    expect((await chat(undefined, {}, { 'x-api-key': created.key })).status).toBe(200);
    const anthropic = new Anthropic({ baseURL: stack.app.proxyUrl, apiKey: created.key, maxRetries: 0 });
    // Whatever /v1/messages answers (the surface may not exist yet), it is not a refused key.
    const outcome = await anthropic.messages.create({ model: 'qwen3-max', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }).catch((error: { status?: number }) => error);
    expect((outcome as { status?: number }).status).not.toBe(401);
  });

  it('refuses a revoked key and an expired one with 401 saying so', async () => {
    const revoked = await createKey({ name: 'to-revoke' });
    expect((await chat(revoked.key)).status).toBe(200);
    expect((await stack.control(`/api/api-keys/${revoked.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await stack.control(`/api/api-keys/${revoked.id}`, { method: 'DELETE' })).status).toBe(204);
    const afterRevoke = await chat(revoked.key);
    expect(afterRevoke.status).toBe(401);
    expect(((await afterRevoke.json()) as ErrorBody).error.code).toBe('api_key_revoked');

    const expiring = await createKey({ name: 'short-lived', expiresAt: Date.now() + 400 });
    expect((await chat(expiring.key)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const expired = await chat(expiring.key);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as ErrorBody).error.message).toMatch(/expired/);
    const listed = (await (await stack.control('/api/api-keys')).json()) as { id: string; status: string }[];
    expect(listed.find((key) => key.id === revoked.id)!.status).toBe('revoked');
    expect(listed.find((key) => key.id === expiring.id)!.status).toBe('expired');
  });

  it('limits requests per minute: 429 with retry-after and the limit named', async () => {
    const created = await createKey({ name: 'slow', requestsPerMinute: 2 });
    expect((await chat(created.key)).status).toBe(200);
    expect((await chat(created.key)).status).toBe(200);
    const limited = await chat(created.key);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await limited.json()) as ErrorBody;
    expect(body.error).toMatchObject({ type: 'rate_limit_error', code: 'api_key_rate_limit_exceeded' });
    expect(body.error.message).toMatch(/2 requests per minute/);
  });

  it('stops a key at its daily and monthly token budgets: 429 naming the budget, retry-after until it renews', async () => {
    // 30 tokens: room for one answer of the fake (about 20 tokens), then too little (under 16) for another.
    const daily = await createKey({ name: 'daily', tokensPerDay: 30 });
    expect((await chat(daily.key)).status).toBe(200);
    await stack.flushRecords();
    const overDay = await chat(daily.key);
    expect(overDay.status).toBe(429);
    expect(Number(overDay.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(overDay.headers.get('retry-after'))).toBeLessThanOrEqual(86_400);
    expect(overDay.headers.get('x-should-retry')).toBe('false');
    const body = (await overDay.json()) as ErrorBody;
    expect(body.error.code).toBe('api_key_daily_token_budget_exceeded');
    expect(body.error.message).toMatch(/tokens per day/);

    const monthly = await createKey({ name: 'monthly', tokensPerMonth: 30 });
    expect((await chat(monthly.key)).status).toBe(200);
    await stack.flushRecords();
    const overMonth = await chat(monthly.key);
    expect(overMonth.status).toBe(429);
    expect(((await overMonth.json()) as ErrorBody).error.code).toBe('api_key_monthly_token_budget_exceeded');
    const listed = (await (await stack.control('/api/api-keys')).json()) as { id: string; usage: { tokensToday: number } }[];
    expect(listed.find((key) => key.id === monthly.id)!.usage.tokensToday).toBeGreaterThan(0);
  });

  it('keeps no body of a request refused before any provider, only its status and reason', async () => {
    const large = 'x'.repeat(2_000_000);
    const refused = await chat('sk-qp-not-a-key', { messages: [{ role: 'user', content: large }] });
    expect(refused.status).toBe(401);
    await stack.flushRecords();
    const [row] = await stack.query<{ body: string | null; status_code: number; error_code: string }>(
      'SELECT q.body, r.status_code, r.error_code FROM requests q JOIN responses r ON r.request_id = q.id WHERE q.id = ?',
      [refused.headers.get('x-request-id')],
    );
    // Before: the 2 MB body was stored for every refused request (10 x 5.7 MB added 62 MB).
    expect(row).toEqual({ body: null, status_code: 401, error_code: 'invalid_api_key' });
  });

  it('keeps a key to its model allowlist: 403 for another model, on chat and on GET /v1/models/{id}', async () => {
    const created = await createKey({ name: 'coder-only', allowedModels: ['qwen3-coder-*'] });
    expect((await chat(created.key, { model: 'qwen3-coder-plus' })).status).toBe(200);
    const refused = await chat(created.key);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorBody).error).toMatchObject({ type: 'permission_error', code: 'model_not_allowed', param: 'model' });
    const model = await fetch(`${stack.app.proxyUrl}/v1/models/qwen3-max`, { headers: { authorization: `Bearer ${created.key}` } });
    expect(model.status).toBe(403);
  });

  it('lists only the models a key may use', async () => {
    const created = await createKey({ name: 'coder-list', allowedModels: ['qwen3-coder-*'] });
    const listFor = async (key: string) =>
      ((await (await fetch(`${stack.app.proxyUrl}/v1/models`, { headers: { authorization: `Bearer ${key}` } })).json()) as { data: { id: string }[] }).data.map(
        (model) => model.id,
      );
    const everything = await listFor(stack.app.adminToken);
    const limited = await listFor(created.key);
    expect(everything).toContain('qwen3-max');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((id) => id.startsWith('qwen3-coder-'))).toBe(true);
    expect(limited).toEqual(everything.filter((id) => id.startsWith('qwen3-coder-')));
  });

  it('validates key input', async () => {
    for (const body of [{}, { name: '' }, { name: 'x', requestsPerMinute: 0 }, { name: 'x', allowedModels: 'qwen3-max' }, { name: 'x', expiresAt: Date.now() - 1000 }]) {
      const response = await stack.control('/api/api-keys', { method: 'POST', body: JSON.stringify(body) });
      expect(response.status).toBe(400);
    }
    expect((await stack.control('/api/api-keys/00000000-0000-4000-8000-000000000000', { method: 'DELETE' })).status).toBe(404);
  });
});

describe('API keys off loopback', () => {
  it('refuses every /v1 request until a key exists, saying to create one in the console', async () => {
    const stack = await startTestStack({ environment: { HOST: '0.0.0.0' } });
    try {
      const refused = await stack.proxy('/v1/models');
      expect(refused.status).toBe(401);
      const body = (await refused.json()) as ErrorBody;
      expect(body.error.code).toBe('api_key_required');
      expect(body.error.message).toMatch(/create one in the admin console/);
      const created = await stack.createApiKey({ name: 'lan' });
      expect((await fetch(`${stack.app.proxyUrl}/v1/models`, { headers: { authorization: `Bearer ${created.key}` } })).status).toBe(200);
    } finally {
      await stack.close();
    }
  });
});

describe('API key access mode: said as it is, and left only on purpose', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack.close());

  const chat = (key: string) =>
    fetch(`${stack.app.proxyUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Hello' }] }),
    });
  const access = async () => (await (await stack.control('/api/api-keys/access')).json()) as { keysRequired: boolean; reason: string; message: string; activeKeys: number };

  it('goes from open mode to keys required and back only through the setting; revoked keys can be deleted', async () => {
    expect(await access()).toMatchObject({ keysRequired: false, reason: 'no-keys', activeKeys: 0 });

    const created = await stack.createApiKey({ name: 'one' });
    expect(await access()).toMatchObject({ keysRequired: true, reason: 'required-by-setting', activeKeys: 1 });
    expect(await (await stack.control('/api/settings')).json()).toMatchObject({ requireApiKeys: true });

    // Revoked: no key is active, and the refusal says why "anything" no longer works.
    expect((await stack.control(`/api/api-keys/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    const refused = await chat('anything');
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as ErrorBody).error.message).toMatch(/API keys are required \(requireApiKeys is on\).*No key is active/);
    expect(await access()).toMatchObject({ keysRequired: true, activeKeys: 0, message: expect.stringContaining('No key is active') });

    // An active key is not deleted by accident; a revoked one is, for good.
    const active = await stack.createApiKey({ name: 'two' });
    const conflict = await stack.control(`/api/api-keys/${active.id}?permanently=true`, { method: 'DELETE' });
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as ErrorBody).error.code).toBe('api_key_active');
    expect((await stack.control(`/api/api-keys/${created.id}?permanently=true`, { method: 'DELETE' })).status).toBe(204);
    expect((await stack.control(`/api/api-keys/${active.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await stack.control(`/api/api-keys/${active.id}?permanently=true`, { method: 'DELETE' })).status).toBe(204);
    expect(await (await stack.control('/api/api-keys')).json()).toEqual([]);
    expect((await stack.control(`/api/api-keys/${created.id}?permanently=true`, { method: 'DELETE' })).status).toBe(404);

    // No key left, yet /v1 stays closed: deleting keys never reopens it by itself.
    expect((await chat('anything')).status).toBe(401);
    expect(await access()).toMatchObject({ keysRequired: true, reason: 'required-by-setting' });

    // The explicit way back to open mode.
    await stack.control('/api/settings', { method: 'PATCH', body: JSON.stringify({ requireApiKeys: false }) });
    expect(await access()).toMatchObject({ keysRequired: false, reason: 'open-by-setting' });
    expect((await chat('anything')).status).toBe(200);
  });
});
