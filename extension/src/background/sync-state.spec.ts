import { afterSync, decideSync, fingerprintOf, initialSyncMemory } from './sync-state';

describe(decideSync.name, () => {
  const base = { paired: true, loggedIn: true, fingerprint: 'f1', memory: initialSyncMemory, force: false };

  it('sends a jar it never delivered', () => {
    expect(decideSync(base)).toEqual({ send: true });
  });

  it('does not send while unpaired or logged out', () => {
    expect(decideSync({ ...base, paired: false })).toEqual({ send: false, reason: 'unpaired' });
    expect(decideSync({ ...base, loggedIn: false })).toEqual({ send: false, reason: 'logged-out' });
    expect(decideSync({ ...base, paired: false, force: true })).toMatchObject({ send: false });
  });

  it('skips an unchanged jar unless forced', () => {
    const memory = { deliveredFingerprint: 'f1', lastSync: null };
    expect(decideSync({ ...base, memory })).toEqual({ send: false, reason: 'unchanged' });
    expect(decideSync({ ...base, memory, force: true })).toEqual({ send: true });
    expect(decideSync({ ...base, memory, fingerprint: 'f2' })).toEqual({ send: true });
  });
});

describe(afterSync.name, () => {
  it('remembers what was delivered', () => {
    expect(afterSync(initialSyncMemory, { type: 'delivered', at: 5, fingerprint: 'f1' })).toEqual({
      deliveredFingerprint: 'f1',
      lastSync: { at: 5, outcome: 'delivered' },
    });
  });

  it('keeps the delivered fingerprint after a failure, so only a change or the periodic retry sends again', () => {
    const delivered = { deliveredFingerprint: 'f1', lastSync: { at: 5, outcome: 'delivered' as const } };
    expect(afterSync(delivered, { type: 'failed', at: 6, message: 'unreachable' })).toEqual({
      deliveredFingerprint: 'f1',
      lastSync: { at: 6, outcome: 'failed', message: 'unreachable' },
    });
  });

  it('forgets the fingerprint when refused, so a new pairing delivers at once', () => {
    const delivered = { deliveredFingerprint: 'f1', lastSync: null };
    expect(afterSync(delivered, { type: 'refused', at: 7, message: 'revoked' }).deliveredFingerprint).toBeNull();
  });
});

describe(fingerprintOf.name, () => {
  it('is stable and changes with the text', () => {
    expect(fingerprintOf('token=a; acw_tc=b')).toBe(fingerprintOf('token=a; acw_tc=b'));
    expect(fingerprintOf('token=a; acw_tc=b')).not.toBe(fingerprintOf('token=a; acw_tc=c'));
  });
});
