import { withoutStaleCapturedHeaders } from './captured-header-age';

describe(withoutStaleCapturedHeaders.name, () => {
  const credentials = { token: 't', cookies: 'token=t', bxUa: '231!ua', bxUmidtoken: 'T2gA-umid' };
  const capturedAt = 1_000_000;
  const minutes = (count: number) => capturedAt + count * 60_000;

  it('sends both while fresh', () => {
    const { credentials: sent, state } = withoutStaleCapturedHeaders(credentials, capturedAt, minutes(10));
    expect(sent).toEqual(credentials);
    expect(state).toEqual({ fresh: ['bx-ua', 'bx-umidtoken'], stale: [], capturedAt });
  });

  it('drops bx-ua after 20 minutes and the umidtoken after 4 hours', () => {
    const later = withoutStaleCapturedHeaders(credentials, capturedAt, minutes(21));
    expect(later.credentials.bxUa).toBeUndefined();
    expect(later.credentials.bxUmidtoken).toBe('T2gA-umid');
    expect(later.state.stale).toEqual(['bx-ua']);
    const much = withoutStaleCapturedHeaders(credentials, capturedAt, minutes(241));
    expect(much.credentials).toEqual({ token: 't', cookies: 'token=t' });
    expect(much.state.stale).toEqual(['bx-ua', 'bx-umidtoken']);
  });

  it('follows the configured ages, and counts a header of unknown age as stale', () => {
    expect(withoutStaleCapturedHeaders(credentials, capturedAt, minutes(21), { bxUaMs: 30 * 60_000, bxUmidtokenMs: 60_000 }).state).toMatchObject({
      fresh: ['bx-ua'],
      stale: ['bx-umidtoken'],
    });
    expect(withoutStaleCapturedHeaders(credentials, null, capturedAt).state.stale).toEqual(['bx-ua', 'bx-umidtoken']);
  });

  it('reports nothing for an account without captured headers', () => {
    expect(withoutStaleCapturedHeaders({ token: 't', cookies: '' }, null, capturedAt).state).toEqual({ fresh: [], stale: [], capturedAt: null });
  });
});
