import type { ChatEvent, FinishReason, SourceReference } from '@qwen-proxy/contracts';
import { toOpenAiFinishReason } from './openai-finish-reason';
import { toOpenAiUsage, type OpenAiUsage } from './openai-usage';

export interface OpenAiChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  system_fingerprint: null;
  choices: { index: number; delta: Record<string, unknown>; logprobs: null; finish_reason: string | null }[];
  usage?: OpenAiUsage | null;
}

export interface ChunkMapperOptions {
  id: string;
  model: string;
  created: number;
  includeUsage: boolean;
}

/**
 * ChatEvents to `chat.completion.chunk` objects, pure and per stream: the first chunk carries
 * `role`, one id throughout, the finish chunk, then (with include_usage) a usage chunk with
 * `choices: []`. Tool calls keep the order the openai SDK's stream helpers require.
 */
export class OpenAiChunkMapper {
  private roleSent = false;
  private usage?: OpenAiUsage;
  private finish?: { reason: FinishReason; truncated: boolean };
  private readonly sources: SourceReference[] = [];
  /** Characters of answer text so far, and the text itself once a source cites by number. */
  private textLength = 0;
  private citedText?: { from: number; text: string };

  constructor(private readonly options: ChunkMapperOptions) {}

  map(event: ChatEvent): OpenAiChunk[] {
    switch (event.type) {
      case 'response-start':
        return this.delta({});
      case 'text-delta':
        if (this.citedText) this.citedText.text += event.text;
        this.textLength += event.text.length;
        return event.text ? this.delta({ content: event.text }) : [];
      case 'reasoning-delta':
        return event.text ? this.delta({ reasoning_content: event.text }) : [];
      case 'tool-call-start':
        return this.delta({
          tool_calls: [{ index: event.index, id: event.id, type: 'function', function: { name: event.name, arguments: '' } }],
        });
      case 'tool-call-delta':
        return this.delta({ tool_calls: [{ index: event.index, function: { arguments: event.argumentsDelta } }] });
      case 'usage':
        this.usage = toOpenAiUsage(event.usage);
        return [];
      case 'finish':
        this.finish = { reason: event.reason, truncated: event.truncated };
        return [];
      case 'source':
        this.sources.push(event.source);
        // Only then is the text worth keeping: its `[[n]]` markers place the annotations.
        if (event.source.citationNumber !== undefined) this.citedText ??= { from: this.textLength, text: '' };
        return [];
      case 'tool-call-end':
      case 'error':
        return [];
    }
  }

  /** The closing chunks, once the stream has ended well. */
  end(): OpenAiChunk[] {
    const chunks = this.roleSent ? [] : this.delta({});
    // Citations come once the answer is complete, as web-search models send them.
    if (this.sources.length) chunks.push(...this.delta({ annotations: urlCitationsOf(this.sources, this.citedText?.text ?? '', this.citedText?.from ?? 0) }));
    chunks.push(this.chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: toOpenAiFinishReason(this.finish?.reason, this.finish?.truncated ?? false) }]));
    if (this.options.includeUsage) {
      chunks.push({ ...this.chunk([]), usage: this.usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 } });
    }
    return chunks;
  }

  private delta(delta: Record<string, unknown>): OpenAiChunk[] {
    if (!this.roleSent) {
      this.roleSent = true;
      delta = { role: 'assistant', content: '', ...delta };
    }
    return [this.chunk([{ index: 0, delta, logprobs: null, finish_reason: null }])];
  }

  private chunk(choices: OpenAiChunk['choices']): OpenAiChunk {
    const chunk: OpenAiChunk = {
      id: this.options.id,
      object: 'chat.completion.chunk',
      created: this.options.created,
      model: this.options.model,
      system_fingerprint: null,
      choices,
    };
    // With include_usage, OpenAI sends `usage: null` on every chunk but the last.
    if (this.options.includeUsage) chunk.usage = null;
    return chunk;
  }
}

/** A search source as OpenAI's `url_citation` annotation, at a span of the text (0–0 when unplaced). */
export function toUrlCitation(source: SourceReference, startIndex = 0, endIndex = 0) {
  return { type: 'url_citation', url_citation: { url: source.url, title: source.title ?? source.url, start_index: startIndex, end_index: endIndex } };
}

/**
 * The annotations of an answer: a source cited by number gets one annotation per `[[n]]` marker
 * in the text, spanning the marker (Qwen search v2 writes them; they stay in the text, see
 * libs/qwen/README.md). Other sources, and numbered ones never cited, get one unplaced annotation.
 * `offset` is where `text` starts in the whole answer.
 */
export function urlCitationsOf(sources: readonly SourceReference[], text: string, offset = 0) {
  const markers = new Map<number, { start: number; end: number }[]>();
  for (const match of text.matchAll(/\[\[(\d+)\]\]/g)) {
    const number = Number(match[1]);
    const spans = markers.get(number) ?? [];
    spans.push({ start: offset + match.index, end: offset + match.index + match[0].length });
    markers.set(number, spans);
  }
  return sources.flatMap((source) => {
    const spans = source.citationNumber === undefined ? undefined : markers.get(source.citationNumber);
    return spans ? spans.map((span) => toUrlCitation(source, span.start, span.end)) : [toUrlCitation(source)];
  });
}
