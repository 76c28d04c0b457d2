import { z } from 'zod';
import type { SourceReference } from '@qwen-proxy/contracts';
import { lenient } from './internal/lenient-schema';

const citedPageSchema = z.object({
  url: z.string().min(1),
  title: lenient(z.string()),
  /** OpenRouter puts the cited text in `content`, Perplexity's search results in `snippet`. */
  content: lenient(z.string()),
  snippet: lenient(z.string()),
});

/** `{type:'url_citation', url_citation:{url,title}}` as Chat Completions has it; flat as the Responses API has it. */
const annotationSchema = z.union([
  z.object({ type: z.literal('url_citation'), url_citation: citedPageSchema }).transform((annotation) => annotation.url_citation),
  z.object({ type: z.literal('url_citation') }).and(citedPageSchema),
]);

/** Perplexity's `citations` are bare URLs; some relays send them as objects. */
const citationSchema = z.union([z.string().min(1).transform((url) => ({ url }) as z.output<typeof citedPageSchema>), citedPageSchema]);

function toSource(page: z.output<typeof citedPageSchema>): SourceReference {
  const source: SourceReference = { url: page.url };
  if (page.title) source.title = page.title;
  const snippet = page.snippet ?? page.content;
  if (snippet) source.snippet = snippet;
  return source;
}

function sourcesOf(items: unknown[] | undefined, schema: z.ZodType<z.output<typeof citedPageSchema>>): SourceReference[] {
  return (items ?? []).flatMap((item) => {
    const parsed = schema.safeParse(item);
    return parsed.success ? [toSource(parsed.data)] : [];
  });
}

/** The pages behind a message's `annotations`; other annotation types are not sources. */
export function sourcesOfAnnotations(annotations: unknown[] | undefined): SourceReference[] {
  return sourcesOf(annotations, annotationSchema);
}

/** The pages of Perplexity-style top-level `citations` and `search_results`. */
export function sourcesOfCitations(citations: unknown[] | undefined, searchResults: unknown[] | undefined): SourceReference[] {
  return [...sourcesOf(searchResults, citedPageSchema), ...sourcesOf(citations, citationSchema)];
}
