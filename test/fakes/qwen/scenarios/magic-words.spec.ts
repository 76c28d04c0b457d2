import { magicWordAnswer, MAGIC_WORDS } from './magic-words';

describe(magicWordAnswer.name, () => {
  const imageUrl = 'http://fake/__fake/images/x.png';

  it('selects a streamed scenario', () => {
    expect(magicWordAnswer('please [[thinking]] hard', imageUrl)).toMatchObject({ kind: 'thinking-summary' });
    expect(magicWordAnswer('[[image]]', imageUrl)).toEqual({ kind: 'image', urls: [imageUrl] });
  });

  it('selects failures by name or alias', () => {
    expect(magicWordAnswer('[[captcha]]', imageUrl)).toEqual({ kind: 'failure', failure: 'captcha' });
    expect(magicWordAnswer('[[expired]]', imageUrl)).toEqual({ kind: 'failure', failure: 'token-expired' });
  });

  it('ignores unknown words and plain text', () => {
    expect(magicWordAnswer('[[nonsense]] hello', imageUrl)).toBeUndefined();
    expect(magicWordAnswer('thinking', imageUrl)).toBeUndefined();
  });

  it('answers every listed word', () => {
    for (const word of MAGIC_WORDS) {
      expect(magicWordAnswer(`[[${word}]]`, imageUrl)).toBeDefined();
    }
  });
});
