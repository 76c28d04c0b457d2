import type { ServerResponse } from 'node:http';

/** A whole (non-streamed) HTTP answer, built first and sent in one go. */
export interface HttpReply {
  status: number;
  contentType: string;
  body: string;
}

export function jsonReply(status: number, value: unknown): HttpReply {
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) };
}

export function htmlReply(status: number, html: string): HttpReply {
  return { status, contentType: 'text/html; charset=utf-8', body: html };
}

export function sendReply(response: ServerResponse, reply: HttpReply): void {
  response.writeHead(reply.status, {
    'content-type': reply.contentType,
    'content-length': Buffer.byteLength(reply.body),
  });
  response.end(reply.body);
}
