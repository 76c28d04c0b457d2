import { z } from 'zod';
import type { FakeQwenState } from '../fake-qwen.state';
import type { HttpExchange } from '../http/http-exchange';
import { jsonReply } from '../http/http-reply';
import { scriptedAnswersSchema } from '../scenarios/scripted-answer.schema';

/**
 * The control API under `/__fake/`, so that a fake running in another process (`npm run fake:qwen`)
 * can be scripted and inspected with curl. Not part of the real protocol, never recorded.
 */

const accountRequestSchema = z.strictObject({
  expiresInSeconds: z.number().int().optional(),
  label: z.string().optional(),
});

/** `POST /__fake/script`: one scripted answer or a list, queued FIFO. */
export function scriptAnswers(exchange: HttpExchange, state: FakeQwenState): void {
  const parsed = scriptedAnswersSchema.safeParse(exchange.body);
  if (!parsed.success) {
    exchange.answer(jsonReply(400, { error: z.prettifyError(parsed.error) }));
    return;
  }
  const answers = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  state.script.enqueue(...answers);
  exchange.answer(jsonReply(200, { queued: answers.length, pending: state.script.pending }));
}

/** `POST /__fake/accounts`: issues an account; the body (`expiresInSeconds`, `label`) is optional. */
export function issueAccount(exchange: HttpExchange, state: FakeQwenState): void {
  const parsed = accountRequestSchema.safeParse(exchange.body ?? {});
  if (!parsed.success) {
    exchange.answer(jsonReply(400, { error: z.prettifyError(parsed.error) }));
    return;
  }
  exchange.answer(jsonReply(200, state.accounts.issue(parsed.data)));
}

/** `GET /__fake/requests`: every recorded API request, oldest first. */
export function listRequests(exchange: HttpExchange, state: FakeQwenState): void {
  exchange.answer(jsonReply(200, state.requests));
}

/** `GET /__fake/chats`: every chat with its message tree. */
export function listChats(exchange: HttpExchange, state: FakeQwenState): void {
  exchange.answer(jsonReply(200, [...state.chats.chats.values()]));
}

/** `POST /__fake/reset`: forgets scripts and recorded requests. */
export function resetFake(exchange: HttpExchange, state: FakeQwenState): void {
  state.reset();
  exchange.answer(jsonReply(200, { reset: true }));
}
