import type { Credential } from '../../core/api/api-types';
import type { Tone } from '../../core/format/status';

export interface AccountSummary {
  tone: Tone;
  headline: string;
  detail: string;
  valid: number;
  total: number;
  /** The soonest expiry among valid accounts. */
  nextExpiry: number | null;
}

/** One line about the connected accounts for the System Control card. Pure. */
export function summarizeAccounts(accounts: readonly Credential[], now: number): AccountSummary {
  const total = accounts.length;
  const valid = accounts.filter((account) => account.status === 'valid');
  const expiries = valid.map((account) => account.expiresAt).filter((at): at is number => typeof at === 'number' && at > now);
  const nextExpiry = expiries.length ? Math.min(...expiries) : null;
  if (total === 0) return { tone: 'warn', headline: 'No Qwen account connected', detail: 'Connect your chat.qwen.ai account to start answering requests.', valid: 0, total, nextExpiry };
  const needsVerification = accounts.filter((account) => account.status === 'needs-verification').length;
  const expired = accounts.filter((account) => account.status === 'expired' || account.status === 'invalid').length;
  const cooling = accounts.filter((account) => account.status === 'cooldown').length;
  const problems = [
    needsVerification ? `${needsVerification} needs verification` : '',
    expired ? `${expired} expired or invalid` : '',
    cooling ? `${cooling} cooling down` : '',
  ].filter(Boolean);
  const tone: Tone = valid.length === 0 ? 'error' : problems.length ? 'warn' : 'ok';
  const headline = valid.length === total ? `${total === 1 ? 'Account' : `All ${total} accounts`} valid` : `${valid.length} of ${total} accounts valid`;
  return { tone, headline, detail: problems.join(' · ') || 'Ready to answer requests.', valid: valid.length, total, nextExpiry };
}
