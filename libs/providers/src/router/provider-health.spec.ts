import { BadGatewayError, BadRequestError, RateLimitError } from '@qwen-proxy/contracts';
import { ProviderHealth } from './provider-health';

const settings = () => ({ failureThreshold: 3, cooldownMs: 1000, maxCooldownMs: 60_000 });
const failure = new BadGatewayError('down', { code: 'upstream_502', retryable: true });

describe(ProviderHealth.name, () => {
  let now: number;
  let probeResult: Promise<void>;
  let probes: string[];
  let sut: ProviderHealth;

  beforeEach(() => {
    now = 1_000_000;
    probes = [];
    probeResult = Promise.resolve();
    sut = new ProviderHealth(settings, async (id) => {
      probes.push(id);
      return probeResult;
    }, () => now);
  });

  it('cools a provider down after N consecutive failures, not before', () => {
    sut.recordFailure('a', failure);
    sut.recordFailure('a', failure);
    expect(sut.isAvailable('a')).toBe(true);
    sut.recordFailure('a', failure);
    expect(sut.isAvailable('a')).toBe(false);
    expect(sut.view('a')).toMatchObject({ state: 'cooling-down', cooldownUntil: now + 1000 });
  });

  it('does not count a client error against the provider; a success resets the count', () => {
    sut.recordFailure('a', new BadRequestError('bad', { code: 'x' }));
    sut.recordFailure('a', failure);
    sut.recordFailure('a', failure);
    sut.recordSuccess('a');
    sut.recordFailure('a', failure);
    expect(sut.isAvailable('a')).toBe(true);
  });

  it('honours an upstream retry-after at once', () => {
    sut.recordFailure('a', new RateLimitError('slow', { code: 'upstream_429', retryAfterSeconds: 30 }));
    expect(sut.isAvailable('a')).toBe(false);
    expect(sut.secondsUntilAvailable(['a'])).toBe(30);
  });

  it('re-probes when the cooldown ends and takes traffic only after the probe succeeds', async () => {
    for (let count = 0; count < 3; count++) sut.recordFailure('a', failure);
    now += 1001;
    expect(sut.isAvailable('a')).toBe(false);
    expect(probes).toEqual(['a']);
    expect(sut.view('a').state).toBe('probing');
    await new Promise((resolve) => setImmediate(resolve));
    expect(sut.isAvailable('a')).toBe(true);
  });

  it('doubles the cooldown when the probe fails', async () => {
    for (let count = 0; count < 3; count++) sut.recordFailure('a', failure);
    now += 1001;
    probeResult = Promise.reject(new Error('still down'));
    sut.isAvailable('a');
    await new Promise((resolve) => setImmediate(resolve));
    expect(sut.view('a')).toMatchObject({ state: 'cooling-down', cooldownUntil: now + 2000 });
    expect(sut.view('a').lastError).toContain('still down');
  });
});
