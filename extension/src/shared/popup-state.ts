/** Whether the last delivery reached the control plane, and what it said. */
export interface LastSync {
  at: number;
  outcome: 'delivered' | 'failed' | 'refused';
  message?: string;
}

/** What the popup shows; the worker assembles it, the popup only renders it. */
export interface PopupState {
  version: string;
  controlUrl: string;
  paired: boolean;
  loggedIn: boolean;
  tokenExpiresAt: number | null;
  lastSync: LastSync | null;
  /** Answer of GET /api/extension/status, when paired and reachable. */
  credentialStatus: string | null;
  proxyReachable: boolean;
}
