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
});

describe(sourcesOfCitations.name, () => {
  it('reads search results with titles, and bare citation URLs', () => {
    expect(
      sourcesOfCitations(['https://x.example', 7], [{ url: 'https://y.example', title: 'Y', snippet: 'why', date: '2025-01-01' }]),
    ).toEqual([{ url: 'https://y.example', title: 'Y', snippet: 'why' }, { url: 'https://x.example' }]);
  });
});
