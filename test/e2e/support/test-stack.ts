import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import OpenAI from 'openai';
import { DataSource } from 'typeorm';
import { startApplication, type RunningApplication } from '../../../apps/api/src/bootstrap';
import { loadConfig } from '../../../apps/api/src/config/app-config';
import { RequestRecorder } from '../../../apps/api/src/recording/request-recorder';
import { type FakeQwen, startFakeQwen } from '../../fakes/qwen';

export interface TestStack {
  fake: FakeQwen;
  app: RunningApplication;
  dataDirectory: string;
  account: { token: string; cookies: string };
  openai: OpenAI;
  /** An openai client on the router port (:3001). */
  routerClient: OpenAI;
  /** fetch against the proxy (`/v1/...`) with a client key. */
  proxy(path: string, init?: RequestInit): Promise<Response>;
  /** fetch against the control plane with the admin token. */
  control(path: string, init?: RequestInit): Promise<Response>;
  /** Rows are written off the hot path: wait for them before asserting. */
  flushRecords(): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]>;
  /** Stops the app and starts it again on the same data folder (and the same fake). */
  restart(environment?: Record<string, string>): Promise<void>;
  /**
   * Forgets every account and connects the fake's account again as a new one. Reconnecting the
   * same account keeps a daily-limit cooldown (the limit is Qwen's, not the cookies'); tests that
   * need a healthy account after one use this.
   */
  resetAccounts(): Promise<void>;
  /** Creates a client API key through the control plane (201 or it throws); the key is in `key`. */
  createApiKey(body: Record<string, unknown>): Promise<CreatedApiKey>;
  close(): Promise<void>;
}

/** What `POST /api/api-keys` answers (the key itself is shown this once). */
export interface CreatedApiKey {
  id: string;
  key: string;
  keyPrefix: string;
  status: string;
}

export interface StackOptions {
  /** Extra environment for the app (on top of the test defaults). */
  environment?: Record<string, string>;
  /** Seed the fake's account through QWEN_TOKEN/QWEN_COOKIES (default true). */
  seedAccount?: boolean;
  fakeOptions?: Parameters<typeof startFakeQwen>[0];
  /** Receives the app's log (default: none), e.g. to assert that a failure was logged. */
  logger?: LoggerService;
}

/** The real app on loopback ports, a fresh SQLite data folder, and the fake chat.qwen.ai. */
export async function startTestStack(options: StackOptions = {}): Promise<TestStack> {
  const fake = await startFakeQwen({ chunkIntervalMs: 1, ...options.fakeOptions });
  const account = fake.issueAccount();
  const dataDirectory = mkdtempSync(join(tmpdir(), 'qwen-proxy-e2e-'));
  const baseEnvironment = (): Record<string, string> => ({
    HOST: '127.0.0.1',
    PROXY_PORT: '0',
    ROUTER_PORT: '0',
    CONTROL_PORT: '0',
    DATA_DIR: dataDirectory,
    QWEN_BASE_URL: fake.url,
    LOG_LEVEL: 'silent',
    ...(options.seedAccount === false ? {} : { QWEN_TOKEN: account.token, QWEN_COOKIES: account.cookies }),
    ...options.environment,
  });

  let app = await startApplication(loadConfig(baseEnvironment()), { logger: options.logger ?? false });
  const stack: TestStack = {
    fake,
    get app() {
      return app;
    },
    dataDirectory,
    account,
    get openai() {
      return new OpenAI({ baseURL: `${app.proxyUrl}/v1`, apiKey: 'sk-test', maxRetries: 0 });
    },
    get routerClient() {
      return new OpenAI({ baseURL: `${app.routerUrl}/v1`, apiKey: 'sk-test', maxRetries: 0 });
    },
    proxy: (path, init) => fetch(`${app.proxyUrl}${path}`, withHeaders(init, { authorization: 'Bearer sk-test' })),
    control: (path, init) => fetch(`${app.controlUrl}${path}`, withHeaders(init, { authorization: `Bearer ${app.adminToken}` })),
    flushRecords: async () => {
      // Let in-flight finalizers enqueue their rows, then write them.
      await new Promise((resolve) => setTimeout(resolve, 20));
      await app.app.get(RequestRecorder).flush();
    },
    query: (sql, parameters) => app.app.get(DataSource).query(sql, parameters),
    createApiKey: async (body) => {
      const response = await stack.control('/api/api-keys', { method: 'POST', body: JSON.stringify(body) });
      if (response.status !== 201) throw new Error(`Creating an API key answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as CreatedApiKey;
    },
    resetAccounts: async () => {
      const listed = (await (await stack.control('/api/credentials')).json()) as { id: string }[];
      for (const { id } of listed) await stack.control(`/api/credentials/${id}`, { method: 'DELETE' });
      const added = await stack.control('/api/credentials', { method: 'POST', body: JSON.stringify(account) });
      if (added.status !== 201) throw new Error(`Reconnecting the fake's account answered ${added.status}: ${await added.text()}`);
    },
    restart: async (environment) => {
      await app.close(100);
      app = await startApplication(loadConfig({ ...baseEnvironment(), ...environment }), { logger: options.logger ?? false });
    },
    close: async () => {
      await app.close(100);
      await fake.close();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  } as TestStack;
  return stack;
}

function withHeaders(init: RequestInit | undefined, headers: Record<string, string>): RequestInit {
  const merged = new Headers(init?.headers);
  for (const [name, value] of Object.entries(headers)) if (!merged.has(name)) merged.set(name, value);
  if (init?.body && !merged.has('content-type')) merged.set('content-type', 'application/json');
  return { ...init, headers: merged };
}

/** Completions the fake accepted (validation passed), in order. */
export function acceptedCompletions(fake: FakeQwen) {
  return fake.requests.filter((request) => request.path.startsWith('/api/v2/chat/completions') && request.outcome.status !== 'rejected');
}

/** The one user message the proxy sent in a completion the fake received. */
export function sentContent(request: { body: unknown }): string {
  const body = request.body as { messages?: { content?: string }[] };
  return body.messages?.[0]?.content ?? '';
}

export function sentParentId(request: { body: unknown }): string | null {
  return (request.body as { parent_id?: string | null }).parent_id ?? null;
}

/** Registers a fake OpenAI-compatible upstream as a router provider (admin API), returning its id. */
export async function registerUpstream(stack: TestStack, upstream: { name: string; url: string }, settings: Record<string, unknown> = {}): Promise<string> {
  const response = await stack.control('/api/providers', {
    method: 'POST',
    body: JSON.stringify({ name: upstream.name, type: 'openai-compatible', baseUrl: upstream.url, ...settings }),
  });
  if (response.status !== 201) throw new Error(`Registering ${upstream.name} failed: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}
