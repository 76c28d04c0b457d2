import { formatCompact, formatExpiry, formatMs, formatNumber, formatRelative, formatSeconds, fromLocalInput, prettyBody, toLocalInput } from './format';
import { credentialStatusLabel, providerHealthLabel, providerTestMessage, requestOutcome } from './status';

describe('format', () => {
  it('formats numbers, durations and relative times', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(null)).toBe('—');
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(1234)).toBe('1.2K');
    expect(formatMs(850)).toBe('850 ms');
    expect(formatMs(2400)).toBe('2.40 s');
    expect(formatSeconds(65)).toBe('1 min 5 s');
    expect(formatSeconds(7440)).toBe('2 h 4 min');
    expect(formatSeconds(3 * 86_400 + 7200)).toBe('3 d 2 h');
    expect(formatRelative(10_000 + 3_600_000, 10_000)).toBe('in 1 h 0 min');
    expect(formatRelative(10_000 - 300_000, 10_000)).toBe('5 min 0 s ago');
    expect(formatExpiry(null, 0)).toBe('no expiry known');
    expect(formatExpiry(120_000, 0)).toBe('expires in 2 min 0 s');
    expect(formatExpiry(0, 120_000)).toBe('expired 2 min 0 s ago');
  });

  it('pretty-prints bodies and converts datetime-local values', () => {
    expect(prettyBody('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyBody('plain')).toBe('plain');
    expect(prettyBody(undefined)).toBe('');
    const at = new Date(2026, 10, 24, 9, 30).getTime();
    expect(fromLocalInput(toLocalInput(at))).toBe(at);
    expect(fromLocalInput('')).toBeUndefined();
  });

  it('labels states with a tone', () => {
    expect(credentialStatusLabel('valid').tone).toBe('ok');
    expect(credentialStatusLabel('needs-verification').tone).toBe('warn');
    expect(providerHealthLabel({ state: 'healthy' }, false).label).toBe('Disabled');
    expect(requestOutcome({ cancelled: false, statusCode: 502, errorCode: 'upstream_error' })).toEqual({ label: '502 upstream_error', tone: 'error', icon: 'error' });
    expect(requestOutcome({ cancelled: true, statusCode: 200, errorCode: null }).tone).toBe('warn');
  });
});

describe(providerTestMessage.name, () => {
  const ms = (value: number) => `${value} ms`;

  it('counts the models it listed instead of saying "undefined models"', () => {
    expect(providerTestMessage('LM Studio', { ok: true, latencyMs: 6, models: 12 }, ms)).toBe('LM Studio answered in 6 ms listing 12 models.');
    expect(providerTestMessage('LM Studio', { ok: true, latencyMs: 6, models: 1 }, ms)).toBe('LM Studio answered in 6 ms listing 1 model.');
    expect(providerTestMessage('LM Studio', { ok: false, latencyMs: 6, error: 'connection refused' }, ms)).toBe('LM Studio failed: connection refused.');
  });

  it('does not call a provider with failures in a row "Healthy"', () => {
    expect(providerHealthLabel({ state: 'healthy', consecutiveFailures: 1 })).toMatchObject({ label: 'Failing (1)', tone: 'warn' });
    expect(providerHealthLabel({ state: 'healthy', consecutiveFailures: 0 }).label).toBe('Healthy');
  });
});
