import { buildCredentialInput, missingAntiBotCookies } from './credential-input';

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

describe(missingAntiBotCookies.name, () => {
  it('names the anti-bot cookies a token-only paste lacks, as the user types', () => {
    expect(missingAntiBotCookies('token=eyJabc')).toEqual(['acw_tc', 'ssxmod_itna', 'cna', 'tfstk', 'isg']);
    expect(missingAntiBotCookies('Cookie: token=a; acw_tc=b; ssxmod_itna=c==')).toEqual(['cna', 'tfstk', 'isg']);
  });

  it('says nothing for an empty field or a whole jar', () => {
    expect(missingAntiBotCookies('  ')).toEqual([]);
    expect(missingAntiBotCookies('cna=1; acw_tc=2; token=3; tfstk=4; ssxmod_itna=5==; isg=6')).toEqual([]);
  });
});
