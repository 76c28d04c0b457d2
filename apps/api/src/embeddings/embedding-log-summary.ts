/** One vector as the request log keeps it: where it is and how long, not its numbers. */
export interface LoggedEmbedding {
  index: unknown;
  /** Numbers in the vector (base64 vectors: their float32 count). */
  dimensions: number | null;
  encoding?: 'base64';
}

/**
 * The log's copy of an embeddings answer. The vectors are the answer's bulk (2048 inputs of 3072
 * floats are over 100 MB of JSON) and say nothing a person debugging a request needs, so only
 * their positions and lengths are kept, with the answer's other fields.
 */
export function summarizeEmbeddingAnswer(body: Record<string, unknown>): Record<string, unknown> {
  const data = Array.isArray(body['data']) ? (body['data'] as unknown[]) : [];
  const { data: _vectors, ...rest } = body;
  return { ...rest, data: data.map(summarizeItem) };
}

function summarizeItem(item: unknown): LoggedEmbedding {
  const record = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
  const embedding = record['embedding'];
  if (Array.isArray(embedding)) return { index: record['index'], dimensions: embedding.length };
  if (typeof embedding === 'string') return { index: record['index'], dimensions: Math.floor(base64ByteLength(embedding) / 4), encoding: 'base64' };
  return { index: record['index'], dimensions: null };
}

/** Decoded length of base64 text, without decoding it. */
function base64ByteLength(text: string): number {
  const trimmed = text.replace(/=+$/, '');
  return Math.floor((trimmed.length * 3) / 4);
}
