import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));
const port = z.coerce.number().int().min(0).max(65535);
const milliseconds = z.coerce.number().int().min(0);
const positiveInteger = z.coerce.number().int().min(1);
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
  /** The web front-end `version` header: off unless set (protocol §2). */
  QWEN_WEB_VERSION: optionalText,
  QWEN_CONNECT_TIMEOUT_MS: milliseconds.default(10_000),
  QWEN_FIRST_BYTE_TIMEOUT_MS: milliseconds.default(60_000),
  QWEN_IDLE_TIMEOUT_MS: milliseconds.default(120_000),
  QWEN_MODELS_CACHE_MS: milliseconds.default(5 * 60_000),
  SESSION_IDLE_TTL_MS: milliseconds.default(6 * 60 * 60_000),
  STREAM_KEEPALIVE_MS: milliseconds.min(100).default(10_000),
  ADMIN_TOKEN: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
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
    connectTimeoutMs: number;
    firstByteTimeoutMs: number;
    idleTimeoutMs: number;
    modelsCacheMs: number;
  }>;
  sessionIdleTtlMs: number;
  streamKeepAliveMs: number;
  adminToken?: string;
  secretKey?: string;
  logLevel: string;
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
      connectTimeoutMs: values.QWEN_CONNECT_TIMEOUT_MS,
      firstByteTimeoutMs: values.QWEN_FIRST_BYTE_TIMEOUT_MS,
      idleTimeoutMs: values.QWEN_IDLE_TIMEOUT_MS,
      modelsCacheMs: values.QWEN_MODELS_CACHE_MS,
    }),
    sessionIdleTtlMs: values.SESSION_IDLE_TTL_MS,
    streamKeepAliveMs: values.STREAM_KEEPALIVE_MS,
    adminToken: values.ADMIN_TOKEN,
    secretKey: values.SECRET_KEY,
    logLevel: values.LOG_LEVEL,
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

/** Whether a bind address only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
