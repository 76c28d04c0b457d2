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

export function providerHealthLabel(health: Pick<ProviderHealth, 'state'> | null | undefined, enabled = true): StatusLabel {
  if (!enabled) return { label: 'Disabled', tone: 'neutral', icon: 'block' };
  switch (health?.state) {
    case 'healthy':
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
