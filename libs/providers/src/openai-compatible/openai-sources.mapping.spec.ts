import { sourcesOfAnnotations, sourcesOfCitations } from './openai-sources.mapping';

describe(sourcesOfAnnotations.name, () => {
  it('reads url_citation annotations, nested as Chat Completions has them or flat', () => {
    expect(
      sourcesOfAnnotations([
        { type: 'url_citation', url_citation: { url: 'https://a.example', title: 'A', start_index: 0, end_index: 5 } },
        { type: 'url_citation', url: 'https://b.example', title: 'B', content: 'cited text' },
      ]),
    ).toEqual([
      { url: 'https://a.example', title: 'A' },
      { url: 'https://b.example', title: 'B', snippet: 'cited text' },
    ]);
  });

  it('skips other annotation types and malformed items without losing their neighbours', () => {
    expect(
      sourcesOfAnnotations([
        { type: 'file_citation', file_citation: { file_id: 'f' } },
        { type: 'url_citation', url_citation: { title: 'no url' } },
        null,
        'text',
        { type: 'url_citation', url_citation: { url: 'https://c.example' } },
      ]),
    ).toEqual([{ url: 'https://c.example' }]);
    expect(sourcesOfAnnotations(undefined)).toEqual([]);
  });

  it('falls back to the flat page when the nested one is unreadable, and prefers the nested one otherwise', () => {
    expect(
      sourcesOfAnnotations([
        { type: 'url_citation', url_citation: { title: 'no url' }, url: 'https://flat.example', title: 'Flat' },
        { type: 'url_citation', url_citation: { url: 'https://nested.example' }, url: 'https://flat.example' },
        { type: 'url_citation', url_citation: { url: '' } },
        { url_citation: { url: 'https://untyped.example' } },
      ]),
    ).toEqual([{ url: 'https://flat.example', title: 'Flat' }, { url: 'https://nested.example' }]);
  });
});

describe(sourcesOfCitations.name, () => {
  it('reads search results with titles, and bare citation URLs', () => {
    expect(
      sourcesOfCitations(['https://x.example', 7], [{ url: 'https://y.example', title: 'Y', snippet: 'why', date: '2025-01-01' }]),
    ).toEqual([{ url: 'https://y.example', title: 'Y', snippet: 'why' }, { url: 'https://x.example' }]);
  });

  it('reads mistyped or empty fields inside an item as absent, keeping the item', () => {
    expect(
      sourcesOfCitations(undefined, [
        { url: 'https://a.example', title: 3, snippet: ['s'], content: 'from content' },
        { url: 'https://b.example', title: '', snippet: null, content: '' },
        { url: 'https://c.example', snippet: '', content: 'hidden by the empty snippet' },
      ]),
    ).toEqual([{ url: 'https://a.example', snippet: 'from content' }, { url: 'https://b.example' }, { url: 'https://c.example' }]);
  });

  it('skips items without a non-empty string url, and citation objects are read like search results', () => {
    expect(
      sourcesOfCitations(
        ['', null, ['https://in-an-array.example'], { url: 'https://obj.example', title: 'O' }, { url: 42 }],
        [{ url: '' }, { title: 'no url' }, 'https://a-string.example', { url: 'https://d.example' }],
      ),
    ).toEqual([{ url: 'https://d.example' }, { url: 'https://obj.example', title: 'O' }]);
    expect(sourcesOfCitations(undefined, undefined)).toEqual([]);
  });
});
