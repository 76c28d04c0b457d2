/** What arrived of a streamed body, write by write, and how it ended. */
export interface ReceivedStream {
  chunks: Buffer[];
  /** Set when the connection broke before the body ended (a cut stream). */
  error?: Error;
}

/** Reads a fetch body to its end (or its break), keeping every chunk as it arrived. */
export async function receiveStream(response: Response): Promise<ReceivedStream> {
  const chunks: Buffer[] = [];
  const reader = response.body!.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        return { chunks };
      }
      chunks.push(Buffer.from(value));
    }
  } catch (error) {
    return { chunks, error: error as Error };
  }
}

/**
 * Parses SSE text the tolerant way a client must: CRLF or LF, comment lines, trailing spaces.
 * Returns the JSON payload of every `data:` event.
 */
export function parseSseFrames(text: string): unknown[] {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n\n')
    .flatMap((event) =>
      event
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => JSON.parse(line.slice('data:'.length).trim()) as unknown),
    );
}

/** A delta frame's `choices[0].delta`, when the frame is one. */
export function deltaOf(frame: unknown): Record<string, unknown> | undefined {
  const choices = (frame as { choices?: Array<{ delta?: Record<string, unknown> }> }).choices;
  return choices?.[0]?.delta;
}

/** The answer text of a stream: the `content` of `typing` frames in phase `answer`, joined. */
export function answerTextOf(frames: unknown[]): string {
  return frames
    .map(deltaOf)
    .filter((delta) => delta?.['phase'] === 'answer' && delta['status'] === 'typing')
    .map((delta) => String(delta!['content']))
    .join('');
}

/** The `response.created` payload of a stream. */
export function createdOf(frames: unknown[]): { chat_id: string; parent_id: string; response_id: string } {
  const created = frames.find((frame) => typeof frame === 'object' && frame !== null && 'response.created' in frame);
  return (created as { 'response.created': { chat_id: string; parent_id: string; response_id: string } })['response.created'];
}

/**
 * A short name for a frame, to compare whole sequences at a glance: `created`, `keep-alive`,
 * `<phase>:<status>` for deltas, `output-text`, `completed`, `error`.
 */
export function frameSignature(frame: unknown): string {
  const payload = frame as Record<string, unknown>;
  if ('response.created' in payload) return 'created';
  if ('response.info' in payload) return 'keep-alive';
  if ('response.output_text.delta' in payload) return 'output-text';
  if ('response.completed' in payload) return 'completed';
  const delta = deltaOf(frame);
  if (delta) return `${String(delta['phase'] ?? 'no-phase')}:${String(delta['status'])}`;
  return 'error';
}

/** Collapses runs of the same signature, so sequences read like `answer:typing+`. */
export function collapseRuns(signatures: string[]): string[] {
  return signatures.reduce<string[]>((runs, signature) => {
    const last = runs.at(-1);
    if (last === signature || last === `${signature}+`) {
      runs[runs.length - 1] = `${signature}+`;
    } else {
      runs.push(signature);
    }
    return runs;
  }, []);
}
