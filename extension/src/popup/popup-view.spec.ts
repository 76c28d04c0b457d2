import type { PopupState } from '../shared/popup-state';
import { statusRows } from './popup-view';

const state = (overrides: Partial<PopupState> = {}): PopupState => ({
  version: '0.1.0',
  controlUrl: 'http://127.0.0.1:3002',
  paired: true,
  loggedIn: true,
  tokenExpiresAt: null,
  lastSync: { at: 1000, outcome: 'delivered' },
  credentialStatus: 'valid',
  proxyReachable: true,
  ...overrides,
});

describe(statusRows.name, () => {
  it('shows a healthy setup in green', () => {
    const rows = statusRows(state(), 31_000);
    expect(rows.map((row) => row.tone)).toEqual(['good', 'good', 'good', 'good']);
    expect(rows[3].value).toBe('30 s ago, account valid');
  });

  it('says what to do when something is missing', () => {
    const rows = statusRows(state({ paired: false, loggedIn: false, proxyReachable: false, lastSync: null }), 0);
    expect(rows[0].value).toContain('is Qwen Proxy running?');
    expect(rows[1].value).toContain('press Connect');
    expect(rows[2].value).toContain('log in at chat.qwen.ai');
    expect(rows[3]).toEqual({ label: 'Last sync', value: 'never', tone: 'neutral' });
  });

  it('tells an expired session and a failed delivery apart', () => {
    const rows = statusRows(state({ loggedIn: false, tokenExpiresAt: 5, lastSync: { at: 0, outcome: 'failed', message: 'unreachable' } }), 120_000);
    expect(rows[2].value).toBe('session expired: log in again');
    expect(rows[3]).toMatchObject({ value: 'failed 2 min ago: unreachable', tone: 'bad' });
  });
});
