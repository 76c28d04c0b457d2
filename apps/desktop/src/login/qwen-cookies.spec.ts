import { isCookieOfDomain, loginTokenOf, toCookieString } from './qwen-cookies';

describe('qwen cookies', () => {
  it.each([
    ['.qwen.ai', true],
    ['qwen.ai', true],
    ['chat.qwen.ai', true],
    ['.chat.qwen.ai', true],
    ['notqwen.ai', false],
    ['qwen.ai.example.com', false],
    [undefined, false],
  ])('domain %s belongs to qwen.ai: %s', (domain, expected) => {
    expect(isCookieOfDomain({ name: 'a', value: 'b', domain }, 'qwen.ai')).toBe(expected);
  });

  it('writes the jar as a Cookie header and finds the token', () => {
    const cookies = [
      { name: 'acw_tc', value: 'x1' },
      { name: 'token', value: ' eyJ.a.b ' },
      { name: 'ssxmod_itna', value: 'q=1' },
    ];

    expect(toCookieString(cookies)).toBe('acw_tc=x1; token= eyJ.a.b ; ssxmod_itna=q=1');
    expect(loginTokenOf(cookies)).toBe('eyJ.a.b');
    expect(loginTokenOf([{ name: 'token', value: '' }])).toBeUndefined();
  });
});
