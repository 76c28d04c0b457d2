import { PairingCodes } from './pairing-codes';

describe(PairingCodes.name, () => {
  let now: number;
  let sut: PairingCodes;

  beforeEach(() => {
    now = 1_000_000;
    sut = new PairingCodes(60_000, () => now);
  });

  it('issues long random codes that expire after the lifetime', () => {
    const first = sut.issue();
    const second = sut.issue();
    expect(first.code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(first.code).not.toBe(second.code);
    expect(first.expiresAt).toBe(now + 60_000);
  });

  it('accepts a code once', () => {
    const { code } = sut.issue();
    expect(sut.consume(code)).toEqual({ ok: true });
    expect(sut.consume(code)).toEqual({ ok: false, refusal: 'used' });
  });

  it('refuses an expired code and an unknown one', () => {
    const { code } = sut.issue();
    now += 60_000;
    expect(sut.consume(code)).toEqual({ ok: false, refusal: 'expired' });
    expect(sut.consume('not-a-code')).toEqual({ ok: false, refusal: 'unknown' });
  });
});
