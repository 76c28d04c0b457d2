/** Shapes of the control plane's `/api/*` answers (see `/docs/json`). Times are epoch ms. */

export type CredentialStatus = 'valid' | 'expired' | 'invalid' | 'needs-verification' | 'cooldown';

export interface Credential {
  id: string;
  label: string | null;
  accountId: string | null;
  status: CredentialStatus;
  statusReason: string | null;
  verificationUrl: string | null;
  expiresAt: number | null;
  cooldownUntil: number | null;
  lastUsedAt: number | null;
  tokenHint: string | null;
  maxConcurrency: number | null;
  cookieNames: string[];
  /** Anti-bot cookies of chat.qwen.ai the jar lacks (Qwen then answers Bad_Request). */
  missingCookies?: string[];
  source: string;
  createdAt: number;
  updatedAt: number;
  inflight?: number;
  /** The JWT's lifetime (D11); absent from an older server. */
  tokenExpiry?: { expiresAt: number | null; remainingMs: number | null; state: 'ok' | 'expiring' | 'expired' | 'unknown'; advice: string | null };
  /** Pasted bx-* headers: still sent, or too old (D2). */
  capturedHeaders?: { fresh: string[]; stale: string[]; capturedAt: number | null; note: string | null };
}

/** One step of the upstream doctor (`POST /api/credentials/{id}/diagnose`), redacted by the server. */
export interface DoctorStep {
  name: string;
  ok: boolean;
  classification: string;
  summary: string;
  durationMs: number;
  exchanges: { method: string; path: string; headers: Record<string, string>; body?: string; status?: number; answerStart: string }[];
}

export interface DoctorReport {
  baseUrl: string;
  startedAt: string;
  ok: boolean;
  steps: DoctorStep[];
  /** The same report as plain text, for Copy. */
  text: string;
}

export interface CreateCredential {
  cookies: string;
  token?: string;
  label?: string;
  maxConcurrency?: number;
  proxyUrl?: string;
  userAgent?: string;
}

export type ProviderType = 'qwen-web' | 'openai-compatible';

export interface ProviderHealth {
  state: 'healthy' | 'cooling-down' | 'probing';
  consecutiveFailures: number;
  cooldownUntil: number | null;
  lastError: string | null;
}

export interface ProviderTimeouts {
  connectMs?: number;
  firstByteMs?: number;
  totalMs?: number;
}

export interface Provider {
  id: string;
  name: string;
  type: ProviderType;
  baseUrl: string | null;
  hasApiKey: boolean;
  headers: Record<string, string>;
  timeouts: ProviderTimeouts;
  models: string[];
  modelPatterns: string[];
  enabled: boolean;
  priority: number;
  weight: number;
  health: ProviderHealth;
  inflight: number;
  builtIn: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface ProviderInput {
  name?: string;
  type?: 'openai-compatible';
  baseUrl?: string;
  apiKey?: string;
  headers?: Record<string, string>;
  timeouts?: ProviderTimeouts;
  models?: string[];
  modelPatterns?: string[];
  enabled?: boolean;
  priority?: number;
  weight?: number;
}

export interface ProviderTestResult {
  ok: boolean;
  latencyMs: number;
  /** How many models the provider listed. */
  models?: number;
  error?: string;
}

export type RoutingStrategy = 'priority' | 'round-robin' | 'weighted' | 'least-busy';

export interface Settings {
  routingStrategy: RoutingStrategy;
  providerFailureThreshold: number;
  providerCooldownSeconds: number;
  providerMaxCooldownSeconds: number;
  accountConcurrency: number;
  deleteExpiredChats: boolean;
  modelAliases: Record<string, string>;
  retentionDays?: number;
  bodyRetentionDays?: number;
  logBodies?: boolean;
  /** Unset: required once a key exists; false: open mode on loopback. */
  requireApiKeys?: boolean;
}

export type ListenerName = 'proxy' | 'router' | 'control';

export interface ListenerStatus {
  name: ListenerName;
  running: boolean;
  host: string;
  port: number;
  startedAt: number | null;
  url: string;
  uptimeSeconds: number | null;
}

export interface ProxyStatus {
  running: boolean;
  uptimeSeconds: number;
  listeners: ListenerStatus[];
  accounts: Credential[];
  providers: Provider[];
}

export type RequestOutcome = 'ok' | 'error' | 'cancelled';

export interface RequestSummary {
  id: string;
  listener: string;
  surface: string;
  model: string;
  stream: boolean;
  /** The provider id; `providerName` is what people see (the id for a deleted provider). */
  provider: string | null;
  providerName?: string | null;
  credentialId: string | null;
  sessionId: string | null;
  startedAt: number;
  statusCode: number | null;
  finishReason: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  cancelled: boolean;
  truncated: boolean;
  promptTokens: number | null;
  completionTokens: number | null;
  totalTokens: number | null;
  timeToFirstTokenMs: number | null;
  durationMs: number | null;
}

export interface RequestAttempt {
  provider: string;
  providerName?: string;
  model: string;
  durationMs: number;
  error?: { status: number; code: string; message: string };
}

export interface RequestDetail extends RequestSummary {
  messageCount: number;
  clientUserAgent: string | null;
  requestBody: unknown;
  responseBody: unknown;
  attempts: RequestAttempt[] | null;
  reasoningTokens: number | null;
  usageEstimated: boolean;
  /** The tokenizer that counted an estimated usage (`qwen3`, `o200k`). */
  usageTokenizer: string | null;
  /** What the upstream sent that its parser did not know: kind, short name, redacted sample (≤ 2 KB). */
  upstreamUnknownShapes?: UpstreamUnknownShape[];
}

export interface UpstreamUnknownShape {
  kind: 'frame' | 'phase' | 'error';
  name: string;
  sample: string;
}

export interface RequestQuery {
  limit?: number;
  offset?: number;
  model?: string;
  provider?: string;
  account?: string;
  status?: RequestOutcome;
  listener?: 'proxy' | 'router';
  from?: number;
  to?: number;
}

export interface Page<T> {
  total: number;
  items: T[];
}

export interface Session {
  id: string;
  provider: string | null;
  providerName: string;
  credentialId: string | null;
  model: string | null;
  title: string | null;
  turnCount: number;
  createdAt: number;
  lastUsedAt: number | null;
  closedAt: number | null;
  expiresAt: number | null;
}

export interface SessionTurn {
  id: string;
  createdAt: number;
  requestId: string | null;
  upstreamResponseId: string | null;
  /** The words of the turn, from the request log (redacted; null when bodies are not kept). */
  userText?: string | null;
  answerText?: string | null;
}

export interface SessionDetail extends Session {
  turns: SessionTurn[];
  requests: RequestSummary[];
}

export type UsageBucketSize = 'hour' | 'day';

export interface UsageBucket {
  start: number;
  model: string;
  provider: string | null;
  providerName?: string | null;
  requests: number;
  errors: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface UsageReport {
  from?: number;
  to?: number;
  bucket?: UsageBucketSize;
  buckets: UsageBucket[];
  latency: { p50: number | null; p95: number | null; p99: number | null; timeToFirstTokenP50: number | null; timeToFirstTokenP95: number | null; timeToFirstTokenP99?: number | null };
  totals: { requests: number; errors: number; promptTokens: number; completionTokens: number; totalTokens: number };
}

export interface ModelEntry {
  id: string;
  provider: string;
  providerName: string;
  aliasOf?: string;
  displayName?: string;
  description?: string;
  capabilities?: Record<string, boolean>;
  contextLength?: number;
  maxOutputTokens?: number;
}

/** `GET /api/api-keys/access`: open mode (any non-empty key) or keys required, and why. */
export interface ApiAccessMode {
  keysRequired: boolean;
  reason: 'no-keys' | 'keys-exist' | 'required-by-setting' | 'open-by-setting' | 'beyond-loopback';
  message: string;
  activeKeys: number;
}

export interface ApiKey {
  id: string;
  name: string;
  keyPrefix: string;
  status: 'active' | 'revoked' | 'expired';
  requestsPerMinute: number | null;
  tokensPerDay: number | null;
  tokensPerMonth: number | null;
  allowedModels: string[] | null;
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
  createdAt: number;
  usage?: { tokensToday: number; tokensThisMonth: number };
}

export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface CreateApiKey {
  name: string;
  requestsPerMinute?: number;
  tokensPerDay?: number;
  tokensPerMonth?: number;
  allowedModels?: string[];
  expiresAt?: number;
}

export interface PairingCode {
  code: string;
  expiresAt: number;
}

/** The control plane's error body. */
export interface ApiErrorBody {
  error: { message: string; type?: string; param?: string | null; code?: string | null };
}
