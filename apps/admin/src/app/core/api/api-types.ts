/**
 * Shapes of the control plane's `/api/*` answers, taken from its OpenAPI document (`/docs/json`):
 * `generated/control-api.d.ts` is written by `npm run generate:console-types` (part of
 * `build:admin`) and a unit test fails when it is stale, so a backend change that breaks the
 * console breaks its build. Times are epoch ms.
 *
 * Hand-written below are only the shapes the document cannot say precisely: where the schema is
 * a loose `additionalProperties` object or lists almost no `required` fields (request log,
 * sessions, status, settings), the console keeps its own, stricter view; each says why.
 */
import type { components, operations } from './generated/control-api';

type Schemas = components['schemas'];
/** The JSON body of an operation's 200 (or 201) answer. */
type JsonAnswer<Operation extends keyof operations> = operations[Operation]['responses'] extends { 200: { content: { 'application/json': infer Body } } }
  ? Body
  : operations[Operation]['responses'] extends { 201: { content: { 'application/json': infer Body } } }
    ? Body
    : never;

export type Credential = Schemas['CredentialViewDto'] & {
  /** Requests in flight, in `GET /api/proxy/status` only. */
  inflight?: number;
};
export type CredentialStatus = Credential['status'];

/** The upstream doctor's report (`POST /api/credentials/{id}/diagnose`), redacted by the server. */
export type DoctorReport = JsonAnswer<'CredentialDiagnosisController_diagnose'>;
export type DoctorStep = DoctorReport['steps'][number];

export type CreateCredential = Schemas['CreateCredentialDto'];

export type Provider = Schemas['ProviderViewDto'];
export type ProviderType = Provider['type'];
export type ProviderHealth = Provider['health'];
export type ProviderTimeouts = Partial<Schemas['ProviderTimeoutsDto']>;

/** What the form sends: a create (`POST`) or an update (`PATCH`), every field optional in the latter. */
export type ProviderInput = Schemas['UpdateProviderDto'];

export type ProviderTestResult = JsonAnswer<'ProvidersController_test'>;

export type RoutingStrategy = NonNullable<JsonAnswer<'SettingsController_get'>['routingStrategy']>;

/** Hand-written: the settings schema lists no field as required, yet `GET /api/settings` always answers the routing ones. */
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

export type ListenerName = JsonAnswer<'ProxyControlController_status'>['listeners'][number]['name'];

/** Hand-written: the status schema gives a listener no `host`/`startedAt`, and its accounts and providers are free-form objects ("as GET /api/credentials, with inflight"). */
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

export type RequestOutcome = NonNullable<RequestQuery['status']>;

/** Hand-written: the request log's schema requires only id, model and startedAt (rows from older versions lack the rest), and the console reads the summary's columns as always present (null when unknown). */
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

export type RequestQuery = NonNullable<operations['ActivityController_listRequests']['parameters']['query']>;

export interface Page<T> {
  total: number;
  items: T[];
}

export interface Session {
  id: string;
  provider: string | null;
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

export type UsageReport = JsonAnswer<'ActivityController_getUsage'>;
export type UsageBucketSize = UsageReport['bucket'];
export type UsageBucket = UsageReport['buckets'][number];

export type ModelEntry = JsonAnswer<'ModelsAdminController_list'>[number];

/** `GET /api/api-keys/access`: open mode (any non-empty key) or keys required, and why. */
export type ApiAccessMode = Schemas['ApiAccessModeDto'];

export type ApiKey = Schemas['ApiKeyViewDto'];
export type CreatedApiKey = Schemas['CreatedApiKeyDto'];
export type CreateApiKey = Schemas['CreateApiKeyDto'];

export type PairingCode = Schemas['PairingCodeDto'];

/** The control plane's error body. */
export interface ApiErrorBody {
  error: { message: string; type?: string; param?: string | null; code?: string | null };
}
