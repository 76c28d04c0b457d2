import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/**
 * Response schemas for the operations whose answer is no DTO class (plain interfaces, streams,
 * text): Swagger UI shows them and the OpenAPI document test checks every operation has one.
 * Fields that may be null say their type and `nullable`, never a bare `{}`.
 */
const text = (description?: string): SchemaObject => ({ type: 'string', ...(description ? { description } : {}) });
const integer = (description?: string): SchemaObject => ({ type: 'integer', ...(description ? { description } : {}) });
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });
const object = (properties: Record<string, SchemaObject>, required: string[] = Object.keys(properties)): SchemaObject => ({ type: 'object', properties, required });
const listOf = (items: SchemaObject | ReferenceObject): SchemaObject => ({ type: 'array', items });
const schemaOf = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
const epochMs = (description = 'Epoch milliseconds.') => integer(description);

export const healthSchema = object({
  status: { type: 'string', enum: ['ok', 'degraded'] },
  database: { type: 'string', enum: ['ok', 'unreachable'] },
  uptimeSeconds: { type: 'integer' },
  listeners: { type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Each listener with its port and whether it runs.' },
}, ['status']);

export const liveSchema = object({ status: { type: 'string', enum: ['ok'] } });

export const readySchema = object({
  status: { type: 'string', enum: ['ready', 'not-ready'] },
  checks: { type: 'object', additionalProperties: { type: 'string' }, example: { database: 'ok', migrations: 'done', proxy: 'listening', recorder: 'ok' } },
  listeners: { type: 'array', items: { type: 'object', additionalProperties: true } },
  recorder: { type: 'object', additionalProperties: true, description: 'Present while the request log cannot write: the cause and the rows dropped.' },
}, ['status']);

export const eventStreamContent = {
  'text/event-stream': { schema: text('`event: <type>` and `data: <json>` lines: listener-changed, credential-changed, provider-health-changed, request-completed, settings-changed…') },
};

export const metricsContent = { 'text/plain': { schema: text('Prometheus text exposition format.') } };

const requestSummaryProperties: Record<string, SchemaObject> = {
  id: text(),
  listener: { type: 'string', enum: ['proxy', 'router'] },
  surface: text('openai, anthropic, responses, completions'),
  model: text(),
  stream: { type: 'boolean' },
  provider: nullable(text('The provider id that answered.')),
  providerName: nullable(text('Its name (the id for a deleted provider).')),
  credentialId: nullable(text()),
  sessionId: nullable(text()),
  startedAt: epochMs(),
  statusCode: nullable(integer()),
  finishReason: nullable(text()),
  errorCode: nullable(text()),
  errorMessage: nullable(text()),
  cancelled: { type: 'boolean' },
  truncated: { type: 'boolean' },
  promptTokens: nullable(integer()),
  completionTokens: nullable(integer()),
  totalTokens: nullable(integer()),
  timeToFirstTokenMs: nullable(integer()),
  durationMs: nullable(integer()),
};

// Every field is always there (null when unknown): the log answers rows, not sparse objects.
const requestSummarySchema = object(requestSummaryProperties);

export const requestPageSchema = object({ total: integer(), items: listOf(requestSummarySchema) });

const attemptSchema = object(
  {
    provider: text('The provider id.'),
    providerName: text('Its name (the id for a deleted provider).'),
    model: text(),
    durationMs: integer(),
    error: object({ status: integer(), code: text(), message: text() }),
  },
  ['provider', 'providerName', 'model', 'durationMs'],
);

export const requestDetailSchema = object(
  {
    ...requestSummaryProperties,
    messageCount: integer(),
    clientUserAgent: nullable(text()),
    requestBody: nullable({ type: 'object', additionalProperties: true, description: 'Redacted; null when bodies are not kept.' }),
    responseBody: nullable({ type: 'object', additionalProperties: true, description: 'Redacted; null when bodies are not kept.' }),
    attempts: nullable({ ...listOf(attemptSchema), description: 'The router\'s attempts in order, with the error of each that failed; null for a direct answer.' }),
    reasoningTokens: nullable(integer()),
    usageEstimated: { type: 'boolean' },
    usageTokenizer: nullable(text('The tokenizer that counted an estimated usage (`qwen3`, `o200k`); null when the upstream reported it.')),
    upstreamUnknownShapes: {
      ...listOf(object({ kind: { type: 'string', enum: ['frame', 'phase', 'error'] }, name: text(), sample: text('Redacted, at most 2 KB.') })),
      description: 'Frame, phase or error shapes the parser did not know (at most 5); [] when none.',
    },
  },
);

const sessionProperties: Record<string, SchemaObject> = {
  id: text(),
  provider: text(),
  providerName: text('The provider\'s name (its id once deleted).'),
  credentialId: nullable(text()),
  model: text(),
  title: text(),
  turnCount: integer(),
  createdAt: epochMs(),
  lastUsedAt: epochMs(),
  closedAt: nullable(epochMs()),
  expiresAt: epochMs('When it stops being continued if left idle, epoch milliseconds.'),
};

export const sessionPageSchema = object({ total: integer(), items: listOf(object(sessionProperties)) });

export const sessionDetailSchema = object(
  {
    ...sessionProperties,
    turns: listOf(
      object(
        {
          id: text(),
          createdAt: epochMs(),
          requestId: nullable(text()),
          upstreamResponseId: text(),
          userText: nullable(text('The user message of this turn, redacted as in the request log; null when bodies are not kept.')),
          answerText: nullable(text('The answer, likewise.')),
        },
      ),
    ),
    requests: listOf(requestSummarySchema),
  },
);

const percentiles = Object.fromEntries(
  ['p50', 'p95', 'p99', 'timeToFirstTokenP50', 'timeToFirstTokenP95', 'timeToFirstTokenP99'].map((name) => [name, nullable(integer('Milliseconds.'))]),
);

export const usageSchema = object({
  from: epochMs(),
  to: epochMs(),
  bucket: { type: 'string', enum: ['hour', 'day'] },
  buckets: listOf(
    object({
      start: epochMs(),
      model: text(),
      provider: nullable(text()),
      providerName: nullable(text()),
      requests: integer(),
      errors: integer(),
      promptTokens: integer(),
      completionTokens: integer(),
      totalTokens: integer(),
    }),
  ),
  latency: object(percentiles),
  totals: object({ requests: integer(), errors: integer(), promptTokens: integer(), completionTokens: integer(), totalTokens: integer() }),
});

export const modelCatalogueSchema = listOf(
  object(
    {
      id: text(),
      provider: text('Provider id.'),
      providerName: text(),
      aliasOf: text('Set when this name is a `modelAliases` entry.'),
      displayName: text(),
      description: text(),
      capabilities: { type: 'object', additionalProperties: { type: 'boolean' } },
      contextLength: integer(),
      maxOutputTokens: integer(),
    },
    ['id', 'provider', 'providerName'],
  ),
);

export const proxyStatusSchema = object({
  running: { type: 'boolean', description: 'Proxy and router ports both open.' },
  uptimeSeconds: integer(),
  listeners: listOf(
    object({
      name: { type: 'string', enum: ['proxy', 'router', 'control'] },
      running: { type: 'boolean' },
      host: text(),
      port: integer('The port bound while running; the one asked for (0: any free port) otherwise.'),
      startedAt: nullable(epochMs()),
      url: text(),
      uptimeSeconds: nullable(integer()),
    }),
  ),
  // The DTOs of GET /api/credentials and /api/providers (both registered by their controllers).
  accounts: { ...listOf({ allOf: [schemaOf('CredentialViewDto'), object({ inflight: integer('Requests this account serves now.') })] }), description: 'As GET /api/credentials, with `inflight`.' },
  providers: { ...listOf(schemaOf('ProviderViewDto')), description: 'As GET /api/providers.' },
});

export const providerTestSchema = object(
  {
    ok: { type: 'boolean' },
    latencyMs: integer(),
    models: integer('How many models the provider lists.'),
    error: text('Why the test failed.'),
  },
  ['ok', 'latencyMs'],
);

export const credentialTestSchema = object(
  {
    ok: { type: 'boolean' },
    latencyMs: integer(),
    profile: object({ email: text(), name: text() }, []),
    completion: object({ model: text(), answerPreview: text() }),
    missingCookies: listOf(text()),
    code: text('Error code when the test failed, e.g. qwen_bad_request.'),
    error: text(),
  },
  ['ok', 'latencyMs'],
);

const usage = object({ prompt_tokens: integer(), completion_tokens: integer(), total_tokens: integer() }, []);

export const chatCompletionContent = {
  'application/json': {
    schema: object({
      id: text(),
      object: { type: 'string', enum: ['chat.completion'] },
      created: integer('Unix seconds.'),
      model: text(),
      choices: listOf(
        object(
          {
            index: integer(),
            message: object({ role: { type: 'string', enum: ['assistant'] }, content: nullable(text()), reasoning_content: text(), tool_calls: listOf({ type: 'object', additionalProperties: true }) }, ['role']),
            finish_reason: { type: 'string', enum: ['stop', 'length', 'tool_calls', 'content_filter'] },
          },
          ['index', 'message', 'finish_reason'],
        ),
      ),
      usage,
    }, ['id', 'object', 'created', 'model', 'choices']),
  },
  'text/event-stream': { schema: text('With `stream: true`: `data: <chat.completion.chunk>` lines, then `data: [DONE]`.') },
};

export const textCompletionContent = {
  'application/json': {
    schema: object({
      id: text(),
      object: { type: 'string', enum: ['text_completion'] },
      created: integer(),
      model: text(),
      choices: listOf(object({ index: integer(), text: text(), finish_reason: text() }, ['index', 'text'])),
      usage,
    }, ['id', 'object', 'model', 'choices']),
  },
  'text/event-stream': { schema: text('With `stream: true`: `data: <text_completion chunk>` lines, then `data: [DONE]`.') },
};

export const embeddingListSchema = object({
  object: { type: 'string', enum: ['list'] },
  data: listOf(object({
    object: { type: 'string', enum: ['embedding'] },
    index: integer(),
    embedding: { oneOf: [listOf({ type: 'number' }), text('With `encoding_format: "base64"`: the little-endian float32 numbers, base64-encoded.')] },
  })),
  model: text('The model name the client asked for.'),
  usage: object({ prompt_tokens: integer(), total_tokens: integer() }),
}, ['object', 'data', 'model']);

export const anthropicMessageContent = {
  'application/json': {
    schema: object({
      id: text(),
      type: { type: 'string', enum: ['message'] },
      role: { type: 'string', enum: ['assistant'] },
      model: text('The model name the client asked for.'),
      content: listOf({ type: 'object', additionalProperties: true, description: 'text, thinking or tool_use blocks.' }),
      stop_reason: nullable({ type: 'string', enum: ['end_turn', 'max_tokens', 'stop_sequence', 'tool_use'] }),
      usage: object({ input_tokens: integer(), output_tokens: integer() }),
    }, ['id', 'type', 'role', 'content']),
  },
  'text/event-stream': { schema: text('With `stream: true`: message_start … content_block_* … message_delta, message_stop (named events).') },
};

export const countTokensSchema = object({ input_tokens: integer() });

export const responseObjectSchema = object(
  {
    id: text(),
    object: { type: 'string', enum: ['response'] },
    created_at: integer(),
    status: { type: 'string', enum: ['completed', 'incomplete', 'failed', 'in_progress'] },
    model: text(),
    output: listOf({ type: 'object', additionalProperties: true, description: 'message, reasoning and function_call items.' }),
    output_text: text(),
    previous_response_id: nullable(text()),
    usage: nullable(object({ input_tokens: integer(), output_tokens: integer(), total_tokens: integer() }, [])),
  },
  ['id', 'object', 'status', 'output'],
);

export const responseContent = {
  'application/json': { schema: responseObjectSchema },
  'text/event-stream': { schema: text('With `stream: true`: named events (response.created, response.output_text.delta, … response.completed) with `sequence_number`.') },
};

const doctorExchange = object(
  {
    method: text(),
    path: text(),
    headers: { type: 'object', additionalProperties: { type: 'string' }, description: 'As sent, redacted: no token, cookie values masked.' },
    body: text('The request body, redacted.'),
    status: integer(),
    answerStart: text('The first bytes of the answer, redacted.'),
  },
  ['method', 'path', 'headers', 'answerStart'],
);

/** The upstream doctor's report (`POST /api/credentials/{id}/diagnose`). */
export const doctorReportSchema = object({
  baseUrl: text(),
  startedAt: text('ISO time.'),
  ok: { type: 'boolean' },
  steps: listOf(
    object({
      name: text(),
      ok: { type: 'boolean' },
      classification: text('`ok`, or the error code the proxy assigned.'),
      summary: text(),
      durationMs: integer(),
      exchanges: listOf(doctorExchange),
    }),
  ),
  text: text('The same report as plain text, for a bug report.'),
});
