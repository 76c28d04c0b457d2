import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));
const port = z.coerce.number().int().min(0).max(65535);
const milliseconds = z.coerce.number().int().min(0);
const positiveInteger = z.coerce.number().int().min(1);
const millisecondList = z
  .string()
  .regex(/^\s*(\d+\s*(,\s*\d+\s*)*)?$/, 'must be comma-separated milliseconds, e.g. 1500,3000')
  .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean).map(Number));
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

/**
 * The configuration contract (architecture.md), read from the environment once at boot.
 * Names are the environment variables; each has a default so `npm start` needs nothing.
 */
const environmentSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PROXY_PORT: port.default(3000),
  ROUTER_PORT: port.default(3001),
  CONTROL_PORT: port.default(3002),
  PROXY_AUTOSTART: booleanText.default(true),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional()),
  QWEN_BASE_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).default('https://chat.qwen.ai'),
  QWEN_TOKEN: optionalText,
  QWEN_COOKIES: optionalText,
  QWEN_USER_AGENT: optionalText,
  QWEN_BX_V: optionalText,
  /** A fixed web front-end `version` header; unset: discovered from the homepage (PROTOCOL.md, B1). */
  QWEN_WEB_VERSION: optionalText,
  QWEN_WEB_VERSION_CACHE_MS: milliseconds.default(30 * 60_000),
  QWEN_WEB_VERSION_PATTERN: z
    .string()
    .default(String.raw`qwen-chat-fe/(\d+(?:\.\d+)+)/`)
    .refine(isRegularExpression, 'must be a regular expression whose first group is the version'),
  QWEN_HOMEPAGE_PATH: z.string().startsWith('/').default('/'),
  QWEN_VERSION_ON_CREATE_CHAT: booleanText.default(true),
  QWEN_STOP_PATH: z.string().startsWith('/').default('/api/v2/chat/completions/stop'),
  QWEN_REFRESH_PATH: z.string().startsWith('/').default('/api/v2/auths/refresh'),
  QWEN_CHAT_IN_PROGRESS_RETRY_MS: millisecondList.default([1500, 3000]),
  /** Completion bodies above this move their context into an uploaded document (PROTOCOL.md, B4). */
  QWEN_MAX_INLINE_BODY_BYTES: z.coerce.number().int().min(4096).default(100 * 1024),
  /** Pasted bx-ua / bx-umidtoken older than these are no longer sent (PROTOCOL.md, D2). */
  QWEN_BX_UA_MAX_AGE_MS: milliseconds.default(20 * 60_000),
  QWEN_BX_UMIDTOKEN_MAX_AGE_MS: milliseconds.default(4 * 60 * 60_000),
  QWEN_CONNECT_TIMEOUT_MS: milliseconds.default(10_000),
  QWEN_FIRST_BYTE_TIMEOUT_MS: milliseconds.default(60_000),
  /** An account's own proxy: opening a connection to it, and its answer to CONNECT (never disabled: a silent proxy would hold the account). */
  QWEN_PROXY_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  QWEN_PROXY_TUNNEL_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  QWEN_IDLE_TIMEOUT_MS: milliseconds.default(120_000),
  QWEN_MODELS_CACHE_MS: milliseconds.default(5 * 60_000),
  SESSION_IDLE_TTL_MS: milliseconds.default(6 * 60 * 60_000),
  STREAM_KEEPALIVE_MS: milliseconds.min(100).default(10_000),
  // OpenTelemetry traces over OTLP/HTTP (JSON): off, and the SDK never loaded, while unset.
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  OTEL_SERVICE_NAME: z.string().min(1).default('qwen-proxy'),
  ADMIN_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  /** A scraper's own credential for /metrics, needed (or the admin token) once HOST is not loopback. */
  METRICS_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  SECRET_KEY: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_BODIES: booleanText.default(true),
  /** Extra Host names answered while on loopback (comma-separated), e.g. a local reverse proxy's. */
  ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((host) => host.trim()).filter(Boolean)),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)?$/i, 'must be a size such as 20mb')
    .default('20mb'),
  /** Resource limits (README, Security): each bounds what one request can make this process do. */
  REQUEST_BODY_TIMEOUT_MS: milliseconds.default(60_000),
  REQUEST_HEADERS_TIMEOUT_MS: milliseconds.default(20_000),
  JSON_MAX_KEYS: positiveInteger.default(50_000),
  JSON_MAX_DEPTH: positiveInteger.default(128),
  SSE_MAX_LINE_BYTES: positiveInteger.default(4 * 1024 * 1024),
  TOOL_SCHEMA_MAX_BYTES: positiveInteger.default(64 * 1024),
  TOOL_SCHEMA_MAX_NODES: positiveInteger.default(500),
  TOOL_SCHEMA_CACHE_SIZE: positiveInteger.default(256),
  TOKENIZER_INLINE_MAX_CHARS: positiveInteger.default(4_096),
  TOKENIZER_MAX_INPUT_CHARS: positiveInteger.default(4_000_000),
  TOKENIZER_TIMEOUT_MS: milliseconds.min(1).default(10_000),
  TOKENIZER_WORKERS: positiveInteger.default(1),
  METRICS_MAX_MODEL_LABELS: positiveInteger.default(100),
});

export type AppConfig = Readonly<{
  host: string;
  proxyPort: number;
  routerPort: number;
  controlPort: number;
  proxyAutostart: boolean;
  dataDirectory: string;
  databaseUrl?: string;
  qwen: Readonly<{
    baseUrl: string;
    token?: string;
    cookies?: string;
    userAgent?: string;
    bxVersion?: string;
    webVersion?: string;
    webVersionCacheMs: number;
    webVersionPattern: string;
    homepagePath: string;
    versionOnCreateChat: boolean;
    stopCompletionPath: string;
    refreshTokenPath: string;
    chatInProgressRetryDelaysMs: readonly number[];
    maxInlineBodyBytes: number;
    capturedHeaderMaxAge: Readonly<{ bxUaMs: number; bxUmidtokenMs: number }>;
    connectTimeoutMs: number;
    proxyConnectTimeoutMs: number;
    proxyTunnelTimeoutMs: number;
    firstByteTimeoutMs: number;
    idleTimeoutMs: number;
    modelsCacheMs: number;
  }>;
  sessionIdleTtlMs: number;
  streamKeepAliveMs: number;
  adminToken?: string;
  metricsToken?: string;
  secretKey?: string;
  logLevel: string;
  /** Where spans go (`<endpoint>/v1/traces`); undefined = tracing off. */
  tracing: Readonly<{ endpoint?: string; serviceName: string }>;
  logBodies: boolean;
  bodyLimit: string;
  allowedHosts: readonly string[];
  limits: ResourceLimits;
}>;

/** What one request may cost this process (one event loop serves every port). */
export type ResourceLimits = Readonly<{
  /** Receiving a whole request (headers and body); 0 = no limit. Not the answer's time. */
  requestBodyTimeoutMs: number;
  requestHeadersTimeoutMs: number;
  /** Object keys plus array items in one JSON body. */
  jsonMaxKeys: number;
  jsonMaxDepth: number;
  /** One line (and one event) of an upstream event stream. */
  sseMaxLineBytes: number;
  /** One tool's JSON Schema, as JSON. */
  toolSchemaMaxBytes: number;
  /** Subschemas of one tool's schema: what ajv's compile time grows with (≈1 ms each). */
  toolSchemaMaxNodes: number;
  toolSchemaCacheSize: number;
  tokenizerInlineMaxChars: number;
  tokenizerMaxInputChars: number;
  tokenizerTimeoutMs: number;
  tokenizerWorkers: number;
  metricsMaxModelLabels: number;
}>;

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

/**
 * Parses and freezes the configuration. Every invalid variable is named at once, so a user
 * fixes them in one go. Nothing else in the app reads `process.env`.
 */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env, workingDirectory = process.cwd()): AppConfig {
  const result = environmentSchema.safeParse(environment);
  if (!result.success) {
    throw new ConfigurationError(
      result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(environment[String(issue.path[0])])})`),
    );
  }
  const values = result.data;
  if (values.QWEN_TOKEN === undefined && values.QWEN_COOKIES !== undefined && !/(^|;\s*)token=/.test(values.QWEN_COOKIES)) {
    throw new ConfigurationError(['QWEN_TOKEN: required when QWEN_COOKIES has no token cookie']);
  }
  const config: AppConfig = {
    host: values.HOST,
    proxyPort: values.PROXY_PORT,
    routerPort: values.ROUTER_PORT,
    controlPort: values.CONTROL_PORT,
    proxyAutostart: values.PROXY_AUTOSTART,
    dataDirectory: isAbsolute(values.DATA_DIR) ? values.DATA_DIR : resolve(workingDirectory, values.DATA_DIR),
    databaseUrl: values.DATABASE_URL,
    qwen: Object.freeze({
      baseUrl: values.QWEN_BASE_URL.replace(/\/+$/, ''),
      token: values.QWEN_TOKEN,
      cookies: values.QWEN_COOKIES,
      userAgent: values.QWEN_USER_AGENT,
      bxVersion: values.QWEN_BX_V,
      webVersion: values.QWEN_WEB_VERSION,
      webVersionCacheMs: values.QWEN_WEB_VERSION_CACHE_MS,
      webVersionPattern: values.QWEN_WEB_VERSION_PATTERN,
      homepagePath: values.QWEN_HOMEPAGE_PATH,
      versionOnCreateChat: values.QWEN_VERSION_ON_CREATE_CHAT,
      stopCompletionPath: values.QWEN_STOP_PATH,
      refreshTokenPath: values.QWEN_REFRESH_PATH,
      chatInProgressRetryDelaysMs: Object.freeze(values.QWEN_CHAT_IN_PROGRESS_RETRY_MS),
      maxInlineBodyBytes: values.QWEN_MAX_INLINE_BODY_BYTES,
      capturedHeaderMaxAge: Object.freeze({ bxUaMs: values.QWEN_BX_UA_MAX_AGE_MS, bxUmidtokenMs: values.QWEN_BX_UMIDTOKEN_MAX_AGE_MS }),
      connectTimeoutMs: values.QWEN_CONNECT_TIMEOUT_MS,
      proxyConnectTimeoutMs: values.QWEN_PROXY_CONNECT_TIMEOUT_MS,
      proxyTunnelTimeoutMs: values.QWEN_PROXY_TUNNEL_TIMEOUT_MS,
      firstByteTimeoutMs: values.QWEN_FIRST_BYTE_TIMEOUT_MS,
      idleTimeoutMs: values.QWEN_IDLE_TIMEOUT_MS,
      modelsCacheMs: values.QWEN_MODELS_CACHE_MS,
    }),
    sessionIdleTtlMs: values.SESSION_IDLE_TTL_MS,
    streamKeepAliveMs: values.STREAM_KEEPALIVE_MS,
    adminToken: values.ADMIN_TOKEN,
    metricsToken: values.METRICS_TOKEN,
    secretKey: values.SECRET_KEY,
    logLevel: values.LOG_LEVEL,
    tracing: Object.freeze({ endpoint: values.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: values.OTEL_SERVICE_NAME }),
    logBodies: values.LOG_BODIES,
    bodyLimit: values.BODY_LIMIT,
    allowedHosts: Object.freeze(values.ALLOWED_HOSTS),
    limits: Object.freeze({
      requestBodyTimeoutMs: values.REQUEST_BODY_TIMEOUT_MS,
      requestHeadersTimeoutMs: values.REQUEST_HEADERS_TIMEOUT_MS,
      jsonMaxKeys: values.JSON_MAX_KEYS,
      jsonMaxDepth: values.JSON_MAX_DEPTH,
      sseMaxLineBytes: values.SSE_MAX_LINE_BYTES,
      toolSchemaMaxBytes: values.TOOL_SCHEMA_MAX_BYTES,
      toolSchemaMaxNodes: values.TOOL_SCHEMA_MAX_NODES,
      toolSchemaCacheSize: values.TOOL_SCHEMA_CACHE_SIZE,
      tokenizerInlineMaxChars: values.TOKENIZER_INLINE_MAX_CHARS,
      tokenizerMaxInputChars: values.TOKENIZER_MAX_INPUT_CHARS,
      tokenizerTimeoutMs: values.TOKENIZER_TIMEOUT_MS,
      tokenizerWorkers: values.TOKENIZER_WORKERS,
      metricsMaxModelLabels: values.METRICS_MAX_MODEL_LABELS,
    }),
  };
  return Object.freeze(config);
}

function isRegularExpression(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** Whether a bind address only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
