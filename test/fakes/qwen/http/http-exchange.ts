import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QwenErrorReply } from '../failures/qwen-error.replies';
import type { RecordedRequest } from '../requests/recorded-request';
import type { FailureName } from '../scenarios/scripted-answer';
import type { Rejection } from '../validation/rejection';
import { parseCookieHeader } from './cookie-header';
import { sendReply, type HttpReply } from './http-reply';

/** One request being answered: its parsed parts, its record, and the ways to reply that keep the record right. */
export class HttpExchange {
  readonly cookies: ReadonlyMap<string, string>;

  private constructor(
    readonly request: IncomingMessage,
    readonly response: ServerResponse,
    readonly path: string,
    readonly record: RecordedRequest,
    /** The body exactly as received: uploads are binary, `record.body` is their text reading. */
    readonly rawBody: Buffer,
  ) {
    this.cookies = parseCookieHeader(request.headers.cookie);
  }

  /** Reads the whole body and builds the exchange and its record. */
  static async open(request: IncomingMessage, response: ServerResponse): Promise<HttpExchange> {
    const url = new URL(request.url ?? '/', 'http://fake.invalid');
    const rawBody = await readBody(request);
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body: parseBody(rawBody.toString('utf8')),
      time: new Date(),
      outcome: { status: 'pending' },
      notes: [],
    };
    return new HttpExchange(request, response, url.pathname, record, rawBody);
  }

  get method(): string {
    return this.record.method;
  }

  get query(): Readonly<Record<string, string>> {
    return this.record.query;
  }

  get body(): unknown {
    return this.record.body;
  }

  /** A request header, joined when repeated. */
  header(name: string): string | undefined {
    const value = this.request.headers[name.toLowerCase()];
    return Array.isArray(value) ? value.join(', ') : value;
  }

  note(note: string): void {
    this.record.notes.push(note);
  }

  answer(reply: HttpReply): void {
    this.record.outcome = { status: 'answered', httpStatus: reply.status };
    sendReply(this.response, reply);
  }

  reject(rejection: Rejection): void {
    const { reply, code } = rejection.error;
    this.record.outcome = { status: 'rejected', httpStatus: reply.status, code, reason: rejection.reason };
    sendReply(this.response, reply);
  }

  failAsScripted(failure: FailureName, error: QwenErrorReply): void {
    this.record.outcome = { status: 'failed-as-scripted', httpStatus: error.reply.status, failure, code: error.code };
    sendReply(this.response, error.reply);
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseBody(text: string): unknown {
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
