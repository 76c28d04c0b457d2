import { hostNameOf } from './host-check';

describe(hostNameOf.name, () => {
  it('takes the name without the port', () => {
    expect(hostNameOf('127.0.0.1:3002')).toBe('127.0.0.1');
    expect(hostNameOf('LOCALHOST:3000')).toBe('localhost');
    expect(hostNameOf('[::1]:3002')).toBe('[::1]');
    expect(hostNameOf('evil.example')).toBe('evil.example');
    expect(hostNameOf(undefined)).toBeUndefined();
  });
});
