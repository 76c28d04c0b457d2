import type { ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { type AnswerPlan, textAnswerPlan, toolCallsPlan } from './answer.plan';
import { newAnswerIdentity, promptTextOf } from './completion.builders';
import type { FakeOpenAiBehaviour } from './fake-openai.behaviour';
import { errorForStatus, midStreamError } from './openai-error.replies';
import type { ValidChatRequest } from './request.validation';

const defaultCutText = 'This answer is cut short by the fake upstream before it ends.';

export interface PlayContext {
  request: ValidChatRequest;
  response: ServerResponse;
  /** Aborted when the client goes away or the fake closes: stop writing. */
  signal: AbortSignal;
  /** Called before the fake destroys the socket itself, so that it is not counted as a client abort. */
  markCut(): void;
}

/** Answers one valid chat completion request as the behaviour says. */
export async function playBehaviour(behaviour: FakeOpenAiBehaviour, context: PlayContext): Promise<void> {
  const { request } = context;
  const identity = newAnswerIdentity(request.model);
  const prompt = promptTextOf(request.messages);
  switch (behaviour.kind) {
    case 'status':
      return sendStatus(context.response, behaviour);
    case 'hang':
      return waitForAbort(context.signal);
    case 'answer':
      if (!(await sleep(behaviour.firstByteDelayMs, context.signal))) return;
      return playAnswer(textAnswerPlan(identity, behaviour, prompt, request.includeUsage), context, behaviour.delayBetweenChunksMs);
    case 'echo-request':
      return playAnswer(textAnswerPlan(identity, { text: JSON.stringify(request.body) }, prompt, request.includeUsage), context);
    case 'tool-calls':
      return playAnswer(toolCallsPlan(identity, behaviour, prompt, request.includeUsage), context);
    case 'cut': {
      const plan = textAnswerPlan(identity, { text: behaviour.text ?? defaultCutText }, prompt, request.includeUsage);
      return request.stream ? playCutStream(plan, behaviour.afterChunks, context) : playCutCompletion(plan, context);
    }
    case 'mid-stream-error': {
      if (!request.stream) return sendJson(context.response, 500, midStreamError(behaviour.message));
      const plan = textAnswerPlan(identity, { text: behaviour.text ?? defaultCutText }, prompt, request.includeUsage);
      return playStreamThenError(plan, behaviour.afterChunks, behaviour.message, context);
    }
  }
}

async function playAnswer(plan: AnswerPlan, context: PlayContext, delayBetweenChunksMs?: number): Promise<void> {
  const { response, request, signal } = context;
  if (!request.stream) return sendJson(response, 200, plan.completion);
  openStream(response);
  const chunks = request.includeUsage ? [...plan.chunks, plan.usageChunk] : plan.chunks;
  for (const [position, chunk] of chunks.entries()) {
    if (position > 0 && !(await sleep(delayBetweenChunksMs, signal))) return;
    if (signal.aborted) return;
    writeData(response, JSON.stringify(chunk));
  }
  writeData(response, '[DONE]');
  response.end();
}

async function playCutStream(plan: AnswerPlan, afterChunks: number, context: PlayContext): Promise<void> {
  openStream(context.response);
  for (const chunk of plan.chunks.slice(0, afterChunks)) writeData(context.response, JSON.stringify(chunk));
  await cut(context);
}

async function playCutCompletion(plan: AnswerPlan, context: PlayContext): Promise<void> {
  const json = JSON.stringify(plan.completion);
  context.response.writeHead(200, { 'content-type': 'application/json', 'x-request-id': requestId() });
  context.response.write(json.slice(0, Math.floor(json.length / 2)));
  await cut(context);
}

async function playStreamThenError(plan: AnswerPlan, afterChunks: number, message: string, context: PlayContext): Promise<void> {
  const { response } = context;
  openStream(response);
  for (const chunk of plan.chunks.slice(0, afterChunks)) writeData(response, JSON.stringify(chunk));
  writeData(response, JSON.stringify(midStreamError(message)));
  response.end();
}

/** Lets what was written reach the client first, so that the cut falls after it, not before. */
async function cut(context: PlayContext): Promise<void> {
  await new Promise<void>((resolve) => context.response.socket?.write('', () => resolve()) ?? resolve());
  await sleep(20, context.signal);
  context.markCut();
  context.response.socket?.destroy();
}

/** A scripted refusal: the status, OpenAI's error body for it unless one is given, the headers. */
export function sendStatus(response: ServerResponse, behaviour: { status: number; body?: unknown; headers?: Record<string, string> }): void {
  const body = behaviour.body ?? errorForStatus(behaviour.status);
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  response.writeHead(behaviour.status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'x-request-id': requestId(),
    // Scripted headers last: they may replace the content type (an HTML page with a 200).
    ...behaviour.headers,
  });
  response.end(text);
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-request-id': requestId() });
  response.end(text);
}

function openStream(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-request-id': requestId() });
  response.flushHeaders();
}

function writeData(response: ServerResponse, data: string): void {
  response.write(`data: ${data}\n\n`);
}

function requestId(): string {
  return `req_${randomBytes(16).toString('hex')}`;
}

/** Resolves true after the wait, false if aborted first. No wait, no timer. */
function sleep(milliseconds: number | undefined, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (!milliseconds || milliseconds <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, milliseconds);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
