import { missingAntiBotCookies } from './anti-bot-cookies';

describe('missingAntiBotCookies', () => {
  it('names every anti-bot cookie a token-only paste lacks', () => {
    expect(missingAntiBotCookies(['token'])).toEqual(['acw_tc', 'ssxmod_itna', 'cna', 'tfstk', 'isg']);
  });

  it('is empty for a whole browser jar', () => {
    expect(missingAntiBotCookies(['cna', '_bl_uid', 'acw_tc', 'token', 'tfstk', 'ssxmod_itna', 'ssxmod_itna2', 'isg'])).toEqual([]);
  });
});
