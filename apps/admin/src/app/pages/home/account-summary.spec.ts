import type { Credential } from '../../core/api/api-types';
import { summarizeAccounts } from './account-summary';

const account = (status: Credential['status'], expiresAt: number | null = null) => ({ id: status, status, expiresAt }) as Credential;

describe(summarizeAccounts.name, () => {
  it('says what the accounts can do', () => {
    expect(summarizeAccounts([], 0)).toMatchObject({ tone: 'warn', headline: 'No Qwen account connected' });
    expect(summarizeAccounts([account('valid', 5000)], 0)).toMatchObject({ tone: 'ok', headline: 'Account valid', nextExpiry: 5000 });
    expect(summarizeAccounts([account('valid', 9000), account('needs-verification')], 0)).toMatchObject({ tone: 'warn', headline: '1 of 2 accounts valid', detail: '1 needs verification' });
    expect(summarizeAccounts([account('expired')], 0).tone).toBe('error');
  });
});
