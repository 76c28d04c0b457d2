/**
 * Shapes of the control plane's `/api/*` answers, taken from its OpenAPI document (`/docs/json`):
 * `generated/control-api.d.ts` is written by `npm run generate:console-types` (part of
 * `build:admin`) and a unit test fails when it is stale, so a backend change that breaks the
 * console breaks its build. Times are epoch ms.
 *
 * Hand-written are only what the document cannot say: the generic `Page<T>` (each page is
 * its own inline schema), the error body (the document describes answers, not the error filter's
 * shape), the `inflight` a credential carries in the status answer only, and the form's partial
 * timeouts. Derive anything new from `components['schemas']` or an operation's answer.
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
  /** Requests in flight: in `GET /api/proxy/status` only. */
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

/** `GET /api/settings`: every setting is always there except `requireApiKeys`, which may be unset. */
export type Settings = JsonAnswer<'SettingsController_get'>;
export type RoutingStrategy = Settings['routingStrategy'];

/** `GET /api/proxy/status` (and the answer of start/stop): listeners, accounts with `inflight`, providers. */
export type ProxyStatus = JsonAnswer<'ProxyControlController_status'>;
export type ListenerStatus = ProxyStatus['listeners'][number];
export type ListenerName = ListenerStatus['name'];

export type RequestOutcome = NonNullable<RequestQuery['status']>;

/** A row of the request log (`GET /api/requests`): every column, null when unknown. */
export type RequestSummary = JsonAnswer<'ActivityController_listRequests'>['items'][number];
export type RequestDetail = JsonAnswer<'ActivityController_getRequest'>;
export type RequestAttempt = NonNullable<RequestDetail['attempts']>[number];
/** What the upstream sent that its parser did not know: kind, short name, redacted sample (≤ 2 KB). */
export type UpstreamUnknownShape = RequestDetail['upstreamUnknownShapes'][number];

export type RequestQuery = NonNullable<operations['ActivityController_listRequests']['parameters']['query']>;

/** Hand-written: a generic the document cannot say (each page is its own inline schema). */
export interface Page<T> {
  total: number;
  items: T[];
}

export type Session = JsonAnswer<'ActivityController_listSessions'>['items'][number];
export type SessionDetail = JsonAnswer<'ActivityController_getSession'>;
export type SessionTurn = SessionDetail['turns'][number];

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

/** The control plane's error body (GatewayExceptionFilter): hand-written, no operation documents its errors. */
export interface ApiErrorBody {
  error: { message: string; type?: string; param?: string | null; code?: string | null };
}
