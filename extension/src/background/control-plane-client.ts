import type { Pairing } from './extension-storage';

/** What the extension delivers: POST /api/extension/credentials. */
export interface CredentialsPayload {
  cookies: string;
  token?: string;
  userAgent?: string;
}

export type DeliveryResult = { ok: true; credentialStatus: string } | { ok: false; refused: boolean; message: string };

export interface ExtensionStatus {
  credentialStatus: string | null;
  lastSyncAt: number | null;
}

async function errorMessageOf(response: Response): Promise<string> {
  const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
  return body?.error?.message ?? `HTTP ${response.status}`;
}

function describeFailure(error: unknown): string {
  return `The control plane is not reachable (${error instanceof Error ? error.message : String(error)}). Is Qwen Proxy running?`;
}

/** The control plane's extension endpoints, with the scoped token; nothing else is ever called. */
export const controlPlaneClient = {
  /** Exchanges a one-time pairing code for the scoped token. */
  async pair(controlUrl: string, code: string, userAgent: string): Promise<{ ok: true; token: string } | { ok: false; message: string }> {
    try {
      const response = await fetch(`${controlUrl}/api/extension/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, extensionId: chrome.runtime.id, userAgent }),
      });
      if (!response.ok) return { ok: false, message: await errorMessageOf(response) };
      const body = (await response.json()) as { token?: unknown };
      return typeof body.token === 'string' ? { ok: true, token: body.token } : { ok: false, message: 'The control plane answered without a token.' };
    } catch (error) {
      return { ok: false, message: describeFailure(error) };
    }
  },

  async deliver(pairing: Pairing, payload: CredentialsPayload): Promise<DeliveryResult> {
    try {
      const response = await fetch(`${pairing.controlUrl}/api/extension/credentials`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${pairing.token}` },
        body: JSON.stringify(payload),
      });
      if (response.ok) return { ok: true, credentialStatus: ((await response.json()) as { status: string }).status };
      return { ok: false, refused: response.status === 401, message: await errorMessageOf(response) };
    } catch (error) {
      return { ok: false, refused: false, message: describeFailure(error) };
    }
  },

  /** The pairing's status; 'refused' when the token was revoked, undefined when unreachable. */
  async status(pairing: Pairing): Promise<ExtensionStatus | 'refused' | undefined> {
    try {
      const response = await fetch(`${pairing.controlUrl}/api/extension/status`, { headers: { authorization: `Bearer ${pairing.token}` } });
      if (response.status === 401) return 'refused';
      return response.ok ? ((await response.json()) as ExtensionStatus) : undefined;
    } catch {
      return undefined;
    }
  },

  async reachable(controlUrl: string): Promise<boolean> {
    try {
      return (await fetch(`${controlUrl}/health`)).ok;
    } catch {
      return false;
    }
  },
};
