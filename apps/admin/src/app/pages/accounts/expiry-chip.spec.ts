import { expiryChipOf } from './expiry-chip';

describe('expiryChipOf', () => {
  const now = 1_000_000_000;
  it('says "expires in 12 min" within the hour, "expired" after, nothing when far off or unknown', () => {
    expect(expiryChipOf(now + 12 * 60_000, now)).toEqual({ text: 'expires in 12 min', tone: 'warn' });
    expect(expiryChipOf(now + 10_000, now)).toEqual({ text: 'expires in 1 min', tone: 'warn' });
    expect(expiryChipOf(now - 1, now)).toEqual({ text: 'expired', tone: 'expired' });
    expect(expiryChipOf(now + 5 * 60 * 60_000, now)).toBeNull();
    expect(expiryChipOf(null, now)).toBeNull();
  });
});
