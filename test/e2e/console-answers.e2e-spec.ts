import Ajv from 'ajv';
import { startTestStack, type TestStack } from './support/test-stack';

/**
 * The console's types are generated from the OpenAPI document (apps/admin/.../generated), so
 * the document has to say what the control plane really answers: every field it marks required
 * is there, every type and enum holds. Each answer the console reads is checked against the 200
 * schema of its operation, on a stack with real rows (two turns of one conversation, a refusal).
 */
interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, unknown>;
}

describe('the control plane answers what its OpenAPI document says (the console types rely on it)', () => {
  let stack: TestStack;
  let document: OpenApi;
  // OpenAPI 3.0 schemas: `nullable` is Ajv's own keyword; `example` and formats are only words.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

  beforeAll(async () => {
    stack = await startTestStack();
    const history = [{ role: 'user' as const, content: 'Check my shape' }];
    const first = await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: history });
    await stack.openai.chat.completions.create({
      model: 'qwen3-max',
      messages: [...history, { role: 'assistant', content: first.choices[0]!.message.content! }, { role: 'user', content: 'Again' }],
    });
    stack.fake.failNext('moderation');
    await stack.openai.chat.completions.create({ model: 'qwen3-max', messages: [{ role: 'user', content: 'Refused' }] }).catch(() => undefined);
    await stack.flushRecords();
    document = (await (await fetch(`${stack.app.controlUrl}/docs/json`)).json()) as OpenApi;
  });
  afterAll(() => stack.close());

  /** GETs `path` and validates the JSON against the documented 200 answer of `operationPath`. */
  async function expectDocumented(path: string, operationPath = path): Promise<unknown> {
    const response = await stack.control(path);
    expect(response.status).toBe(200);
    const body: unknown = await response.json();
    const schema = document.paths[operationPath]?.['get']?.responses['200']?.content?.['application/json']?.schema;
    expect(schema).toBeDefined();
    // The components ride along so `#/components/schemas/…` references resolve.
    const validate = ajv.compile({ ...schema, components: document.components });
    const valid = validate(body);
    expect({ path, errors: valid ? [] : validate.errors }).toEqual({ path, errors: [] });
    return body;
  }

  it('credentials, providers, models, settings, API access and the proxy status', async () => {
    const credentials = (await expectDocumented('/api/credentials')) as unknown[];
    expect(credentials.length).toBeGreaterThan(0);
    const credential = credentials[0] as { id: string };
    await expectDocumented(`/api/credentials/${credential.id}`, '/api/credentials/{id}');
    expect(((await expectDocumented('/api/providers')) as unknown[]).length).toBeGreaterThan(0);
    expect(((await expectDocumented('/api/models')) as unknown[]).length).toBeGreaterThan(0);
    await expectDocumented('/api/settings');
    await expectDocumented('/api/api-keys/access');
    const status = (await expectDocumented('/api/proxy/status')) as { accounts: unknown[]; providers: unknown[] };
    expect(status.accounts.length).toBeGreaterThan(0);
    expect(status.providers.length).toBeGreaterThan(0);
  });

  it('the request log, a request with its attempts, sessions and usage', async () => {
    const page = (await expectDocumented('/api/requests')) as { items: { id: string; errorCode: string | null }[] };
    expect(page.items.length).toBe(3);
    for (const item of page.items) await expectDocumented(`/api/requests/${item.id}`, '/api/requests/{id}');
    const sessions = (await expectDocumented('/api/sessions')) as { items: { id: string; turnCount: number }[] };
    const conversation = sessions.items.find((session) => session.turnCount === 2)!;
    expect(conversation).toBeDefined();
    await expectDocumented(`/api/sessions/${conversation.id}`, '/api/sessions/{id}');
    const usage = (await expectDocumented('/api/usage?bucket=hour', '/api/usage')) as { buckets: unknown[] };
    expect(usage.buckets.length).toBeGreaterThan(0);
  });
});
