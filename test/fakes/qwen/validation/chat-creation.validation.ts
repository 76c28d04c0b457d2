import { z } from 'zod';
import { badRequest } from '../failures/qwen-error.replies';
import { findModel, MODEL_CATALOGUE, type QwenModel } from '../models/model.catalogue';
import { passed, refused, type Checked } from './rejection';
import { timestampUnit } from './timestamp-unit';

/** A checked `POST /api/v2/chats/new` body. */
export interface ChatCreationRequest {
  title: string;
  model: string;
  chatType: string;
  chatMode: string;
}

const CHAT_MODES = ['normal', 'guest', 'local'];

const chatCreationBodySchema = z.looseObject({
  title: z.string().optional(),
  models: z.array(z.string()),
  chat_mode: z.string(),
  chat_type: z.string(),
  timestamp: z.number(),
  project_id: z.string().optional(),
});

/** Checks a chat creation body as protocol §3 describes it; every refusal is a `Bad_Request`. */
export function checkChatCreation(body: unknown, catalogue: readonly QwenModel[] = MODEL_CATALOGUE): Checked<ChatCreationRequest> {
  const parsed = chatCreationBodySchema.safeParse(body);
  if (!parsed.success) {
    return refused(badRequest(), `chats/new body: ${z.prettifyError(parsed.error)}`);
  }
  const { models, chat_mode: chatMode, chat_type: chatType, timestamp, title } = parsed.data;
  if (models.length !== 1) {
    return refused(badRequest(), `chats/new "models" must hold exactly one id, got ${models.length}`);
  }
  const model = findModel(models[0]!, catalogue);
  if (!model) {
    return refused(badRequest(), `chats/new model ${JSON.stringify(models[0])} is not in the catalogue`);
  }
  if (!model.info.meta.chat_type.includes(chatType)) {
    return refused(badRequest(), `chats/new chat_type ${JSON.stringify(chatType)} is not offered by ${model.id}`);
  }
  if (!CHAT_MODES.includes(chatMode)) {
    return refused(badRequest(), `chats/new chat_mode ${JSON.stringify(chatMode)} is not one of ${CHAT_MODES.join(', ')}`);
  }
  const unit = timestampUnit(timestamp);
  if (unit !== 'milliseconds') {
    return refused(badRequest(), `chats/new "timestamp" must be in milliseconds, got ${timestamp} (${unit})`);
  }
  return passed({ title: title ?? 'New Chat', model: model.id, chatType, chatMode });
}
