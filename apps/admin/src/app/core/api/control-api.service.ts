import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  ApiAccessMode,
  ApiKey,
  CreateApiKey,
  CreateCredential,
  CreatedApiKey,
  Credential,
  DoctorReport,
  ModelEntry,
  Page,
  PairingCode,
  Provider,
  ProviderInput,
  ProviderTestResult,
  ProxyStatus,
  RequestDetail,
  RequestQuery,
  RequestSummary,
  Session,
  SessionDetail,
  Settings,
  UsageBucketSize,
  UsageReport,
} from './api-types';
import { SILENT_ERRORS } from '../errors/error.interceptor';
import { toQueryParams } from './query-params';

const silent = () => ({ context: new HttpContext().set(SILENT_ERRORS, true) });

/** Typed access to the control plane's `/api/*` (same origin; the auth interceptor adds the token). */
@Injectable({ providedIn: 'root' })
export class ControlApiService {
  private readonly http = inject(HttpClient);

  proxyStatus(): Observable<ProxyStatus> {
    return this.http.get<ProxyStatus>('/api/proxy/status');
  }
  startProxy(): Observable<ProxyStatus> {
    return this.http.post<ProxyStatus>('/api/proxy/start', {});
  }
  stopProxy(): Observable<ProxyStatus> {
    return this.http.post<ProxyStatus>('/api/proxy/stop', {});
  }

  credentials(): Observable<Credential[]> {
    return this.http.get<Credential[]>('/api/credentials');
  }
  credential(id: string): Observable<Credential> {
    return this.http.get<Credential>(`/api/credentials/${encodeURIComponent(id)}`);
  }
  /** The upstream doctor with this account: a live, redacted step-by-step probe. */
  diagnoseCredential(id: string): Observable<DoctorReport> {
    return this.http.post<DoctorReport>(`/api/credentials/${encodeURIComponent(id)}/diagnose`, {});
  }
  /** A real round trip to Qwen with the account's token; the account state follows the answer. */
  testCredential(id: string): Observable<{ ok: boolean; latencyMs: number; profile?: { email?: string; name?: string }; completion?: { model: string; answerPreview: string }; missingCookies?: string[]; code?: string; error?: string }> {
    return this.http.post<{ ok: boolean; latencyMs: number; profile?: { email?: string; name?: string }; code?: string; error?: string }>(
      `/api/credentials/${encodeURIComponent(id)}/test`,
      {},
    );
  }
  addCredential(body: CreateCredential): Observable<Credential> {
    return this.http.post<Credential>('/api/credentials', body);
  }
  removeCredential(id: string): Observable<void> {
    return this.http.delete<void>(`/api/credentials/${encodeURIComponent(id)}`);
  }

  providers(): Observable<Provider[]> {
    return this.http.get<Provider[]>('/api/providers');
  }
  createProvider(body: ProviderInput): Observable<Provider> {
    return this.http.post<Provider>('/api/providers', body);
  }
  updateProvider(id: string, body: ProviderInput): Observable<Provider> {
    return this.http.patch<Provider>(`/api/providers/${encodeURIComponent(id)}`, body);
  }
  deleteProvider(id: string): Observable<void> {
    return this.http.delete<void>(`/api/providers/${encodeURIComponent(id)}`);
  }
  testProvider(id: string): Observable<ProviderTestResult> {
    return this.http.post<ProviderTestResult>(`/api/providers/${encodeURIComponent(id)}/test`, {});
  }

  settings(): Observable<Settings> {
    return this.http.get<Settings>('/api/settings');
  }
  updateSettings(patch: Partial<Settings>): Observable<Settings> {
    return this.http.patch<Settings>('/api/settings', patch);
  }

  models(): Observable<ModelEntry[]> {
    return this.http.get<ModelEntry[]>('/api/models');
  }

  requests(query: RequestQuery): Observable<Page<RequestSummary>> {
    return this.http.get<Page<RequestSummary>>('/api/requests', { params: toQueryParams(query) });
  }
  request(id: string): Observable<RequestDetail> {
    return this.http.get<RequestDetail>(`/api/requests/${encodeURIComponent(id)}`);
  }

  sessions(limit: number, offset: number, search?: string): Observable<Page<Session>> {
    return this.http.get<Page<Session>>('/api/sessions', { params: toQueryParams({ limit, offset, search: search?.trim() || undefined }) });
  }
  session(id: string): Observable<SessionDetail> {
    return this.http.get<SessionDetail>(`/api/sessions/${encodeURIComponent(id)}`);
  }

  usage(from: number, to: number, bucket: UsageBucketSize): Observable<UsageReport> {
    return this.http.get<UsageReport>('/api/usage', { params: toQueryParams({ from, to, bucket }) });
  }

  apiKeys(): Observable<ApiKey[]> {
    // Silent: a 404 means this version has no API keys, which the page explains itself.
    return this.http.get<ApiKey[]>('/api/api-keys', silent());
  }
  createApiKey(body: CreateApiKey): Observable<CreatedApiKey> {
    return this.http.post<CreatedApiKey>('/api/api-keys', body);
  }
  revokeApiKey(id: string): Observable<void> {
    return this.http.delete<void>(`/api/api-keys/${encodeURIComponent(id)}`);
  }
  /** Deletes a revoked or expired key for good. */
  deleteApiKey(id: string): Observable<void> {
    return this.http.delete<void>(`/api/api-keys/${encodeURIComponent(id)}`, { params: { permanently: 'true' } });
  }
  apiAccess(): Observable<ApiAccessMode> {
    return this.http.get<ApiAccessMode>('/api/api-keys/access', silent());
  }

  createPairingCode(): Observable<PairingCode> {
    return this.http.post<PairingCode>('/api/extension/pairings', {});
  }
}
