import { asRecord, matchingItems, optionalString, type SourceReference } from '@qwen-proxy/contracts';

/*
 * Hand-written readers, not zod schemas: the stream state maps sources on every chunk, and
 * Perplexity repeats its `citations` and `search_results` on each one.
 */

/** A page an answer cites; a field other than `url` that is missing or mistyped reads as undefined. */
interface CitedPage {
  url: string;
  title: string | undefined;
  /** OpenRouter puts the cited text in `content`, Perplexity's search results in `snippet`. */
  content: string | undefined;
  snippet: string | undefined;
}

/** A page with a non-empty `url`; undefined for anything else. */
function readCitedPage(value: unknown): CitedPage | undefined {
  const page = asRecord(value);
  const url = optionalString(page?.url);
  if (page === undefined || !url) return undefined;
  return {
    url,
    title: optionalString(page.title),
    content: optionalString(page.content),
    snippet: optionalString(page.snippet),
  };
}

/**
 * `{type:'url_citation', url_citation:{url,title}}` as Chat Completions has it; flat as the
 * Responses API has it. The nested page wins when both are there and it is readable.
 */
function readAnnotation(value: unknown): CitedPage | undefined {
  const annotation = asRecord(value);
  if (annotation?.type !== 'url_citation') return undefined;
  return readCitedPage(annotation.url_citation) ?? readCitedPage(annotation);
}

/** Perplexity's `citations` are bare URLs; some relays send them as objects. */
function readCitation(value: unknown): CitedPage | undefined {
  if (typeof value !== 'string') return readCitedPage(value);
  return value ? { url: value, title: undefined, content: undefined, snippet: undefined } : undefined;
}

function toSource(page: CitedPage): SourceReference {
  const source: SourceReference = { url: page.url };
  if (page.title) source.title = page.title;
  // An empty `snippet` hides `content`: it is there, it just says nothing.
  const snippet = page.snippet ?? page.content;
  if (snippet) source.snippet = snippet;
  return source;
}

function sourcesOf(items: unknown[] | undefined, readPage: (item: unknown) => CitedPage | undefined): SourceReference[] {
  return (
    matchingItems(items, (item) => {
      const page = readPage(item);
      return page && toSource(page);
    }) ?? []
  );
}

/** The pages behind a message's `annotations`; other annotation types are not sources. */
export function sourcesOfAnnotations(annotations: unknown[] | undefined): SourceReference[] {
  return sourcesOf(annotations, readAnnotation);
}

/** The pages of Perplexity-style top-level `citations` and `search_results`. */
export function sourcesOfCitations(citations: unknown[] | undefined, searchResults: unknown[] | undefined): SourceReference[] {
  return [...sourcesOf(searchResults, readCitedPage), ...sourcesOf(citations, readCitation)];
}
