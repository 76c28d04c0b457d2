import { buildCredentialInput } from './credential-input';

describe(buildCredentialInput.name, () => {
  it('accepts a pasted Cookie header and drops empty optionals', () => {
    expect(buildCredentialInput({ cookies: 'Cookie: token=a;\n b=c ', label: ' ', token: '', maxConcurrency: '', proxyUrl: '' })).toEqual({ cookies: 'token=a; b=c' });
    expect(buildCredentialInput({ cookies: 'token=a', label: 'me', token: 't', maxConcurrency: '2', proxyUrl: 'http://p:1' })).toEqual({
      cookies: 'token=a',
      label: 'me',
      token: 't',
      maxConcurrency: 2,
      proxyUrl: 'http://p:1',
    });
  });
});
