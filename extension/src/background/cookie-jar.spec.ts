import { appliesToHost, isQwenCookie, serializeCookies, tokenCookieOf, type BrowserCookie } from './cookie-jar';

const cookie = (name: string, value: string, domain = '.qwen.ai', path = '/', hostOnly = false): BrowserCookie => ({ name, value, domain, path, hostOnly });

describe(serializeCookies.name, () => {
  it('writes name=value pairs of the cookies chat.qwen.ai receives, values untouched', () => {
    const jar = [cookie('acw_tc', 'a=b=='), cookie('token', 'eyJ.x.y', 'chat.qwen.ai', '/', true), cookie('ssxmod_itna', '1-abc')];
    expect(serializeCookies(jar)).toBe('token=eyJ.x.y; acw_tc=a=b==; ssxmod_itna=1-abc');
  });

  it('leaves out cookies of other hosts', () => {
    const jar = [cookie('other', '1', 'www.qwen.ai', '/', true), cookie('shared', '2', '.qwen.ai'), cookie('evil', '3', '.notqwen.ai')];
    expect(serializeCookies(jar)).toBe('shared=2');
  });

  it('keeps the most specific value when a name appears twice', () => {
    const jar = [cookie('token', 'broad', '.qwen.ai'), cookie('token', 'specific', 'chat.qwen.ai', '/', true), cookie('token', 'deep', '.qwen.ai', '/api')];
    expect(serializeCookies(jar)).toBe('token=deep');
    expect(tokenCookieOf(jar.slice(0, 2))).toBe('specific');
  });

  it('gives nothing for an empty jar', () => {
    expect(serializeCookies([])).toBe('');
    expect(tokenCookieOf([cookie('acw_tc', 'x')])).toBeUndefined();
  });
});

describe(appliesToHost.name, () => {
  it('follows domain and host-only rules', () => {
    expect(appliesToHost(cookie('a', '1', '.qwen.ai'), 'chat.qwen.ai')).toBe(true);
    expect(appliesToHost(cookie('a', '1', 'qwen.ai', '/', true), 'chat.qwen.ai')).toBe(false);
    expect(appliesToHost(cookie('a', '1', 'chat.qwen.ai', '/', true), 'chat.qwen.ai')).toBe(true);
  });
});

describe(isQwenCookie.name, () => {
  it('knows qwen.ai and its subdomains only', () => {
    expect(isQwenCookie({ domain: '.qwen.ai' })).toBe(true);
    expect(isQwenCookie({ domain: 'chat.qwen.ai' })).toBe(true);
    expect(isQwenCookie({ domain: 'evilqwen.ai' })).toBe(false);
  });
});
