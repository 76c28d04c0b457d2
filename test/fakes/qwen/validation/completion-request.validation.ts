import { z } from 'zod';
import type { ChatStore, FakeChat } from '../chats/chat.store';
import { badRequest, chatNotFound, unknownParent } from '../failures/qwen-error.replies';
import { findModel, MODEL_CATALOGUE, type QwenModel } from '../models/model.catalogue';
import { completionBodySchema, completionMessageSchema } from './completion-request.schema';
import { passed, refused, type Checked } from './rejection';
import { timestampUnit } from './timestamp-unit';

/** The aspect ratios the web UI's image picker offers. */
export const T2I_ASPECT_RATIOS: readonly string[] = ['1:1', '16:9', '9:16', '4:3', '3:4'];

/** The request options that change what the answer looks like. */
export interface AnswerFeatures {
  thinkingEnabled: boolean;
  /** `"summary"` (default) or `"detail"`. */
  thinkingFormat: string;
  autoSearch: boolean;
  /** `incremental_output: true`: answer frames carry deltas, otherwise whole-text snapshots. */
  incrementalOutput: boolean;
  /** `output_schema: "phase"`: without it, frames lose their phase and the answer is empty. */
  phaseSchema: boolean;
}

/** A completion request whose fields passed every rule that does not need the chat. */
export interface CompletionRequest {
  chatId: string;
  model: string;
  parentId: string | null;
  content: string;
  chatType: string;
  clientMessageId: string | undefined;
  features: AnswerFeatures;
  /** `messages[0].files`, checked against the uploads by `checkAttachedFiles`. */
  files: unknown[];
}

/**
 * Checks a completion body on its own (protocol §3): every refusal is a `Bad_Request`. The parent
 * must be sent three times (top level, `parentId` and `parent_id` in the message), all equal.
 */
export function parseCompletionRequest(
  body: unknown,
  queryChatId: string | undefined,
  catalogue: readonly QwenModel[] = MODEL_CATALOGUE,
): Checked<CompletionRequest> {
  if (!queryChatId) {
    return refused(badRequest(), 'the query parameter chat_id is missing');
  }
  const parsedBody = completionBodySchema.safeParse(body);
  if (!parsedBody.success) {
    return refused(badRequest(), `completion body: ${z.prettifyError(parsedBody.error)}`);
  }
  const request = parsedBody.data;
  if (request.stream !== true) {
    return refused(badRequest(), `"stream" must be true, got ${JSON.stringify(request.stream)}`);
  }
  if (request.chat_id !== undefined && request.chat_id !== queryChatId) {
    return refused(badRequest(), `body chat_id ${request.chat_id} differs from the query's ${queryChatId}`);
  }
  if (request.messages.length > 1) {
    return refused(badRequest('Invalid input too many messages.'), `${request.messages.length} messages sent, exactly one is allowed`);
  }
  const parsedMessage = completionMessageSchema.safeParse(request.messages[0]);
  if (!parsedMessage.success) {
    return refused(badRequest(), `messages[0]: ${z.prettifyError(parsedMessage.error)}`);
  }
  const message = parsedMessage.data;
  if (message.role !== 'user') {
    return refused(badRequest(), `messages[0].role must be "user", got ${JSON.stringify(message.role)}`);
  }
  const model = findModel(request.model, catalogue);
  if (!model) {
    return refused(badRequest(), `model ${JSON.stringify(request.model)} is not in the catalogue`);
  }
  if (message.chat_type === 't2i') {
    // The web UI offers drawing only for models that list `t2i` (their `info.meta.chat_type`).
    if (!model.info.meta.chat_type.includes('t2i')) {
      return refused(badRequest(), `model ${JSON.stringify(request.model)} does not list chat_type "t2i"`);
    }
    // The web UI sends the aspect ratio it offers (real t2i request: `"size":"16:9"`).
    if (request.size !== undefined && !T2I_ASPECT_RATIOS.includes(request.size)) {
      return refused(badRequest(), `size ${JSON.stringify(request.size)} is not one of ${T2I_ASPECT_RATIOS.join(', ')}`);
    }
  }
  for (const [where, value] of [['timestamp', request.timestamp], ['messages[0].timestamp', message.timestamp]] as const) {
    const unit = timestampUnit(value);
    if (unit !== 'seconds') {
      return refused(badRequest(), `"${where}" must be whole seconds, got ${value} (${unit})`);
    }
  }
  const parentIds = [request.parent_id, message.parentId, message.parent_id];
  if (new Set(parentIds).size > 1) {
    const [topLevel, camelCase, snakeCase] = parentIds.map(String);
    return refused(badRequest(), `parent ids disagree: parent_id=${topLevel}, messages[0].parentId=${camelCase}, messages[0].parent_id=${snakeCase}`);
  }
  const featureConfig = message.feature_config ?? {};
  return passed({
    chatId: queryChatId,
    model: request.model,
    parentId: request.parent_id,
    content: message.content,
    chatType: message.chat_type,
    clientMessageId: message.fid,
    files: message.files ?? [],
    features: {
      thinkingEnabled: featureConfig.thinking_enabled === true,
      thinkingFormat: featureConfig.thinking_format ?? 'summary',
      autoSearch: featureConfig.auto_search === true,
      incrementalOutput: request.incremental_output === true,
      phaseSchema: featureConfig.output_schema === 'phase',
    },
  });
}

/**
 * Checks the request against the chat it names: the chat must be this account's and alive, the
 * message's chat_type the chat's, and a non-null parent an answer (`response_id`) of this chat.
 */
export function checkCompletionFitsChat(request: CompletionRequest, chat: FakeChat | undefined, chats: ChatStore): Checked<FakeChat> {
  if (!chat) {
    return refused(chatNotFound(), `chat ${request.chatId} does not exist, is deleted, or belongs to another account`);
  }
  if (request.chatType !== chat.chatType) {
    return refused(badRequest(), `messages[0].chat_type ${JSON.stringify(request.chatType)} differs from the chat's ${JSON.stringify(chat.chatType)}`);
  }
  if (request.parentId !== null && !chats.isResponseOf(chat, request.parentId)) {
    return refused(unknownParent(request.parentId), `parent_id ${request.parentId} is not a response_id of chat ${chat.id}`);
  }
  return passed(chat);
}
