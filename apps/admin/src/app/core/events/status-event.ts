/** The control plane's live events (`/api/events`). */
export type StatusEvent =
  | { type: 'listener-changed'; name: string; running: boolean; port: number }
  | { type: 'credential-changed'; id: string; status: string }
  | { type: 'provider-health-changed'; providerId: string; state: string; cooldownUntil: number | null }
  | { type: 'providers-changed' }
  | { type: 'settings-changed' }
  | {
      type: 'request-completed';
      requestId: string;
      listener: string;
      model: string;
      provider: string | null;
      statusCode: number;
      errorCode: string | null;
      totalTokens: number | null;
      durationMs: number;
    };

const knownTypes = new Set(['listener-changed', 'credential-changed', 'provider-health-changed', 'providers-changed', 'settings-changed', 'request-completed']);

/** A parsed event, or undefined for a type we do not know or data that is not JSON. */
export function toStatusEvent(type: string, data: string): StatusEvent | undefined {
  if (!knownTypes.has(type)) return undefined;
  try {
    const parsed = JSON.parse(data) as Record<string, unknown>;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    return { ...parsed, type } as StatusEvent;
  } catch {
    return undefined;
  }
}
