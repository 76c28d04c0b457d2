import { randomUUID } from 'node:crypto';
import type { FakeQwenState } from '../fake-qwen.state';
import { failureReply } from '../failures/failure.replies';
import type { HttpExchange } from '../http/http-exchange';
import { chooseAnswer } from '../scenarios/answer-selection';
import { defaultAnswerText, defaultImageUrl } from '../scenarios/default-answer';
import { planStream } from '../stream/stream.planner';
import { attachmentNotes } from '../validation/attachment-notes';
import { checkAttachedFiles } from '../validation/attached-files.validation';
import { checkCompletionFitsChat, parseCompletionRequest } from '../validation/completion-request.validation';
import { checkLockedThinking } from '../validation/locked-thinking.validation';
import { checkWafCookies } from '../validation/waf-cookies.validation';
import { checkCompletionVersion } from '../web-build/web-version.validation';
import { checkCompletionBodySize } from '../generations/body-size.validation';
import { checkNoGenerationRunning } from '../generations/chat-in-progress.validation';
import { guardBrowserCall } from './browser-call.guard';
import { completionNotes } from './completion-notes';
import { streamCompletion } from './completion-stream';

/**
 * `POST /api/v2/chat/completions?chat_id=<id>`: validates like the real service, then answers
 * with the scripted (or default) answer, as a stream or as a failure of protocol §6.
 */
export async function completeChat(exchange: HttpExchange, state: FakeQwenState): Promise<void> {
  // The risk-control layer measures the body before anything else looks at it.
  const size = checkCompletionBodySize(exchange.rawBody.length, state.settings.captchaBodyBytes, state.baseUrl);
  if (!size.ok) {
    exchange.reject(size.rejection);
    return;
  }
  const account = guardBrowserCall(exchange, state);
  if (!account) {
    return;
  }
  const version = checkCompletionVersion(exchange.header('version'), state.webBuild);
  if (!version.ok) {
    exchange.reject(version.rejection);
    return;
  }
  const cookies = checkWafCookies(exchange.cookies);
  if (!cookies.ok) {
    exchange.reject(cookies.rejection);
    return;
  }
  const parsed = parseCompletionRequest(exchange.body, exchange.query['chat_id'], state.catalogue);
  if (!parsed.ok) {
    exchange.reject(parsed.rejection);
    return;
  }
  const request = parsed.value;
  const thinking = checkLockedThinking(request);
  if (!thinking.ok) {
    exchange.reject(thinking.rejection);
    return;
  }
  const attached = checkAttachedFiles(request.files, state.uploads, account.id);
  if (!attached.ok) {
    exchange.reject(attached.rejection);
    return;
  }
  const fits = checkCompletionFitsChat(request, state.chats.findUsable(request.chatId, account.id), state.chats);
  if (!fits.ok) {
    exchange.reject(fits.rejection);
    return;
  }
  const chat = fits.value;
  const idle = checkNoGenerationRunning(chat.id, state.generations);
  if (!idle.ok) {
    exchange.reject(idle.rejection);
    return;
  }
  completionNotes(request, chat).forEach((note) => exchange.note(note));
  attachmentNotes(request.files, state.uploads).forEach((note) => exchange.note(note));

  const responseId = randomUUID();
  const earlierUserMessages = state.chats.userMessagesOfBranch(chat, request.parentId);
  const { answer, chosenBy } = chooseAnswer(state.script, {
    content: request.content,
    chatType: request.chatType,
    features: request.features,
    imageUrl: defaultImageUrl(state.baseUrl, responseId),
    toolAgent: { enabled: state.settings.toolAgent, earlierContents: earlierUserMessages },
  });
  if (chosenBy !== 'default') {
    exchange.note(`answer "${answer.kind}" chosen by ${chosenBy}`);
  }
  if (answer.kind === 'failure') {
    exchange.failAsScripted(answer.failure, failureReply(answer.failure, { baseUrl: state.baseUrl, parentId: request.parentId }, answer));
    return;
  }

  const turn = state.chats.addTurn(chat, {
    parentId: request.parentId,
    content: request.content,
    clientMessageId: request.clientMessageId,
    answerId: responseId,
  });
  const plan = planStream(answer, {
    context: {
      chatId: chat.id,
      userMessageId: turn.question.id,
      responseId,
      userContent: request.content,
      timestamp: Math.floor(Date.now() / 1000),
      incrementalOutput: request.features.incrementalOutput,
      phaseSchema: request.features.phaseSchema,
    },
    defaultText: defaultAnswerText(request.content, earlierUserMessages),
    firstByteDelayMs: state.settings.firstByteDelayMs,
  });
  turn.answer.content = plan.storedAnswer;
  exchange.record.outcome = { status: 'streamed', answer: answer.kind, chatId: chat.id, responseId };
  await streamCompletion(exchange.response, plan, state, { chatId: chat.id, responseId });
}
