/**
 * How the fake answers one chat completion request. Scripted behaviours are used once each, in
 * order; when the script is empty the default answers.
 */
export type FakeOpenAiBehaviour =
  | {
      kind: 'answer';
      text: string;
      /** How the text is split into chunks: a count of about-equal pieces, or the pieces themselves (joining to `text`). Default: word by word. */
      chunks?: number | string[];
      /** Streamed as `reasoning_content` before the text (DeepSeek, DashScope), and in the message when not streaming. */
      reasoning?: string;
      finishReason?: 'stop' | 'length' | 'content_filter';
      delayBetweenChunksMs?: number;
      /** Before anything, status line included. */
      firstByteDelayMs?: number;
    }
  | {
      kind: 'tool-calls';
      /** `arguments` is JSON text as the model writes it; an object is serialised. */
      calls: { name: string; arguments: string | Record<string, unknown> }[];
    }
  /** Answers with the JSON of the received body as its text, so that pass-through can be asserted. */
  | { kind: 'echo-request' }
  /** A refusal: the body defaults to OpenAI's error shape for the status; a string body is sent as text. */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /**
   * The socket destroyed after `afterChunks` chunks (the role chunk counts): no finish, no
   * `[DONE]`. Not streaming: half the JSON body, then the socket destroyed.
   */
  | { kind: 'cut'; afterChunks: number; text?: string }
  /** Never answers, not even the status line, until the client gives up or the fake closes. */
  | { kind: 'hang' }
  /**
   * `data: {"error":{…}}` after `afterChunks` chunks, then the end of the body without
   * `[DONE]`, as OpenAI does when a model fails mid-answer. Not streaming: a 500 with that error.
   */
  | { kind: 'mid-stream-error'; afterChunks: number; message: string; text?: string };

export type FakeOpenAiBehaviourKind = FakeOpenAiBehaviour['kind'];

export const defaultAnswer: FakeOpenAiBehaviour = { kind: 'answer', text: 'Hello from the fake OpenAI upstream.' };

/** The scripted behaviours, first in first out, and the default for when none is left. */
export class BehaviourScript {
  private readonly queue: FakeOpenAiBehaviour[] = [];
  private fallback: FakeOpenAiBehaviour = defaultAnswer;

  add(behaviours: FakeOpenAiBehaviour[]): void {
    behaviours.forEach(assertValid);
    this.queue.push(...behaviours);
  }

  setDefault(behaviour: FakeOpenAiBehaviour): void {
    assertValid(behaviour);
    this.fallback = behaviour;
  }

  next(): FakeOpenAiBehaviour {
    return this.queue.shift() ?? this.fallback;
  }

  /** How many scripted behaviours are still waiting for a request. */
  get pending(): number {
    return this.queue.length;
  }
}

/** A script mistake fails the test that made it, not a request much later. */
function assertValid(behaviour: FakeOpenAiBehaviour): void {
  if (behaviour.kind === 'answer' && Array.isArray(behaviour.chunks) && behaviour.chunks.join('') !== behaviour.text) {
    throw new Error(`Scripted answer chunks ${JSON.stringify(behaviour.chunks)} do not join to its text ${JSON.stringify(behaviour.text)}.`);
  }
  if ((behaviour.kind === 'cut' || behaviour.kind === 'mid-stream-error') && !(behaviour.afterChunks >= 0)) {
    throw new Error(`afterChunks must be 0 or more, not ${behaviour.afterChunks}.`);
  }
}

/**
 * How the fake answers one `POST /v1/embeddings`: vectors (the default), a scripted refusal, or
 * no answer at all. Scripted apart from chat completions, so one test can script both.
 */
export type FakeEmbeddingBehaviour =
  | { kind: 'embed'; /** Leaves `usage` out, as some local servers do. */ omitUsage?: boolean }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'hang' };
