import { Agent, type Dispatcher } from 'undici';

/** One HTTP exchange as it went over the wire (secrets still in: redact before showing). */
export interface RecordedExchange {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  status?: number;
  /** The first bytes of the answer. */
  answerStart: string;
}

const keptAnswerBytes = 600;

/**
 * Wraps a dispatcher so every request and the start of its answer are recorded: the doctor shows
 * what was really sent, not what the code meant to send.
 */
export function recordingDispatcher(exchanges: RecordedExchange[], inner: Dispatcher = new Agent()): Dispatcher {
  return inner.compose((dispatch) => (options, handler) => {
    const exchange: RecordedExchange = {
      method: String(options.method),
      path: String(options.path),
      headers: headerRecord(options.headers),
      body: typeof options.body === 'string' ? options.body : undefined,
      answerStart: '',
    };
    exchanges.push(exchange);
    const tap = (chunk: unknown) => {
      if (exchange.answerStart.length >= keptAnswerBytes || !(chunk instanceof Uint8Array)) return;
      exchange.answerStart += Buffer.from(chunk).toString('utf8').slice(0, keptAnswerBytes - exchange.answerStart.length);
    };
    // Handlers speak either undici's older or newer callback set; tap both, forward everything.
    const tapped = new Proxy(handler, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...parameters: unknown[]) => {
          if (property === 'onHeaders' && typeof parameters[0] === 'number') exchange.status = parameters[0];
          if (property === 'onResponseStart') exchange.status = (parameters[1] as number | undefined) ?? exchange.status;
          if (property === 'onData') tap(parameters[0]);
          if (property === 'onResponseData') tap(parameters[1]);
          return (value as (...inner: unknown[]) => unknown).apply(target, parameters);
        };
      },
    });
    return dispatch(options, tapped);
  });
}

function headerRecord(headers: unknown): Record<string, string> {
  const record: Record<string, string> = {};
  if (!headers) return record;
  if (Array.isArray(headers)) {
    for (let index = 0; index + 1 < headers.length; index += 2) record[String(headers[index])] = String(headers[index + 1]);
    return record;
  }
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (value !== undefined) record[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return record;
}
