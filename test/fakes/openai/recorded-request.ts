import type { IncomingHttpHeaders } from 'node:http';

/** One request the fake received, as it arrived. */
export interface RecordedRequest {
  method: string;
  /** Without the query string. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The JSON body, parsed; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  time: Date;
}
