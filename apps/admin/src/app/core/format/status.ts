import type { CredentialStatus, ProviderHealth, RequestSummary } from '../api/api-types';

export type Tone = 'ok' | 'warn' | 'error' | 'info' | 'neutral';

export interface StatusLabel {
  label: string;
  tone: Tone;
  icon: string;
}

const credentialLabels: Record<CredentialStatus, StatusLabel> = {
  valid: { label: 'Valid', tone: 'ok', icon: 'check_circle' },
  expired: { label: 'Expired', tone: 'error', icon: 'schedule' },
  invalid: { label: 'Invalid', tone: 'error', icon: 'error' },
  'needs-verification': { label: 'Needs verification', tone: 'warn', icon: 'verified_user' },
  cooldown: { label: 'Cooling down', tone: 'warn', icon: 'hourglass_top' },
};

export function credentialStatusLabel(status: string): StatusLabel {
  return credentialLabels[status as CredentialStatus] ?? { label: status, tone: 'neutral', icon: 'help' };
}

export function providerHealthLabel(health: (Pick<ProviderHealth, 'state'> & Partial<Pick<ProviderHealth, 'consecutiveFailures'>>) | null | undefined, enabled = true): StatusLabel {
  if (!enabled) return { label: 'Disabled', tone: 'neutral', icon: 'block' };
  switch (health?.state) {
    case 'healthy':
      // Still routed to, but its last requests (or test) failed: not "Healthy".
      if (health.consecutiveFailures) return { label: `Failing (${health.consecutiveFailures})`, tone: 'warn', icon: 'warning' };
      return { label: 'Healthy', tone: 'ok', icon: 'check_circle' };
    case 'cooling-down':
      return { label: 'Cooling down', tone: 'warn', icon: 'hourglass_top' };
    case 'probing':
      return { label: 'Probing', tone: 'info', icon: 'radar' };
    default:
      return { label: health?.state ?? 'Unknown', tone: 'neutral', icon: 'help' };
  }
}

export function requestOutcome(request: Pick<RequestSummary, 'cancelled' | 'statusCode' | 'errorCode'>): StatusLabel {
  if (request.cancelled) return { label: 'Cancelled', tone: 'warn', icon: 'cancel' };
  if (request.statusCode === null) return { label: 'Running', tone: 'info', icon: 'pending' };
  if (request.statusCode >= 400 || request.errorCode) return { label: `${request.statusCode} ${request.errorCode ?? ''}`.trim(), tone: 'error', icon: 'error' };
  return { label: String(request.statusCode), tone: 'ok', icon: 'check_circle' };
}

/** The notice after a provider Test, in words (the model count is a number). Pure. */
export function providerTestMessage(name: string, result: { ok: boolean; latencyMs: number; models?: number; error?: string }, formatMs: (ms: number) => string): string {
  if (!result.ok) return `${name} failed: ${result.error ?? 'no answer'}.`;
  const models = result.models === undefined ? '' : result.models === 1 ? ' listing 1 model' : ` listing ${result.models} models`;
  return `${name} answered in ${formatMs(result.latencyMs)}${models}.`;
}
