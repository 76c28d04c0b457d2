export interface ChatExchange {
  status: number;
  requestId: string | null;
  /** The whole body as received (SSE text when streaming). */
  text: string;
  /** The answer's text: the message content, or the deltas joined. */
  content: string;
  /** Streaming: the stream ended with `data: [DONE]`. */
  done: boolean;
  /** Streaming: an OpenAI error frame arrived after the stream began. */
  errorFrame?: { message: string; code?: string };
  finishReason?: string | null;
  /** The client gave up (deadline) or the connection broke. */
  failure?: string;
  elapsedMs: number;
}

/**
 * One chat completion over fetch, read to the end, with a deadline: a reliability test must
 * fail on a hang, never wait for Jest's own timeout.
 */
export async function exchangeChat(
  baseUrl: string,
  body: Record<string, unknown>,
  options: { apiKey?: string; deadlineMs?: number; headers?: Record<string, string> } = {},
): Promise<ChatExchange> {
  const started = Date.now();
  const result: ChatExchange = { status: 0, requestId: null, text: '', content: '', done: false, elapsedMs: 0 };
  try {
    const response = await fetch(`${baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey ?? 'sk-reliability'}`, ...options.headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.deadlineMs ?? 15_000),
    });
    result.status = response.status;
    result.requestId = response.headers.get('x-request-id');
    result.text = await response.text();
  } catch (error) {
    result.failure = String(error);
  }
  result.elapsedMs = Date.now() - started;
  readAnswer(result);
  return result;
}

function readAnswer(result: ChatExchange): void {
  if (result.status !== 200) return;
  if (!result.text.startsWith('data:') && !result.text.startsWith(':')) {
    try {
      const completion = JSON.parse(result.text) as { choices?: { message?: { content?: string | null }; finish_reason?: string | null }[] };
      result.content = completion.choices?.[0]?.message?.content ?? '';
      result.finishReason = completion.choices?.[0]?.finish_reason ?? null;
    } catch {
      result.failure ??= 'a 200 whose body is not a completion';
    }
    return;
  }
  for (const line of result.text.split('\n')) {
    if (!line.startsWith('data: ')) continue;
    const data = line.slice(6);
    if (data === '[DONE]') {
      result.done = true;
      continue;
    }
    const chunk = JSON.parse(data) as { error?: { message: string; code?: string }; choices?: { delta?: { content?: string }; finish_reason?: string | null }[] };
    if (chunk.error) result.errorFrame = chunk.error;
    const choice = chunk.choices?.[0];
    if (choice?.delta?.content) result.content += choice.delta.content;
    if (choice?.finish_reason) result.finishReason = choice.finish_reason;
  }
}

/** Whether the client got a complete answer: a 200 with a finish, or a stream ending in [DONE]. */
export function fullyReceived(exchange: ChatExchange): boolean {
  if (exchange.status !== 200 || exchange.failure || exchange.errorFrame) return false;
  return exchange.text.startsWith('{') ? Boolean(exchange.finishReason) : exchange.done;
}
