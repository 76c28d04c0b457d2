import type { PopupState } from '../shared/popup-state';

export type Tone = 'good' | 'bad' | 'neutral';

export interface StatusRow {
  label: string;
  value: string;
  tone: Tone;
}

function ago(at: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

/** The popup's four facts, worded for a person; the popup script only puts them on screen. */
export function statusRows(state: PopupState, now: number): StatusRow[] {
  const lastSync = state.lastSync;
  return [
    {
      label: 'Proxy',
      value: state.proxyReachable ? `reachable at ${state.controlUrl}` : `not reachable at ${state.controlUrl}: is Qwen Proxy running?`,
      tone: state.proxyReachable ? 'good' : 'bad',
    },
    {
      label: 'Paired',
      value: state.paired ? 'yes' : 'no: press Connect on the Home page of the admin console',
      tone: state.paired ? 'good' : 'bad',
    },
    {
      label: 'chat.qwen.ai',
      value: state.loggedIn ? 'logged in' : state.tokenExpiresAt !== null ? 'session expired: log in again' : 'not logged in: log in at chat.qwen.ai',
      tone: state.loggedIn ? 'good' : 'bad',
    },
    {
      label: 'Last sync',
      value: !lastSync
        ? 'never'
        : lastSync.outcome === 'delivered'
          ? `${ago(lastSync.at, now)}${state.credentialStatus ? `, account ${state.credentialStatus}` : ''}`
          : `${lastSync.outcome} ${ago(lastSync.at, now)}: ${lastSync.message ?? ''}`,
      tone: !lastSync ? 'neutral' : lastSync.outcome === 'delivered' && state.credentialStatus !== 'expired' ? 'good' : 'bad',
    },
  ];
}
