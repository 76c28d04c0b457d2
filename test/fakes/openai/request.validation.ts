import {
  incorrectApiKey,
  invalidType,
  missingApiKey,
  missingModel,
  missingParameter,
  modelNotFound,
  type OpenAiErrorReply,
  streamOptionsWithoutStream,
  unparsableJson,
} from './openai-error.replies';

/** A chat completion request that passed what OpenAI checks first. */
export interface ValidChatRequest {
  body: Record<string, unknown>;
  model: string;
  messages: unknown[];
  stream: boolean;
  includeUsage: boolean;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; reply: OpenAiErrorReply };

/** The bearer key, when the fake requires one. */
export function checkApiKey(authorization: string | undefined, requiredKey: string | undefined): OpenAiErrorReply | undefined {
  if (requiredKey === undefined) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
  if (!match) return missingApiKey();
  return match[1].trim() === requiredKey ? undefined : incorrectApiKey(match[1].trim());
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * What a real OpenAI server rejects before it looks at anything else, in the order it checks:
 * the JSON, `model`, `messages`, `stream`, `stream_options` without streaming, then whether the
 * model exists.
 */
export function validateChatRequest(rawBody: string, models: readonly string[]): Validation<ValidChatRequest> {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { ok: false, reply: unparsableJson() };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reply: unparsableJson() };
  const fields = body as Record<string, unknown>;
  const { model, messages, stream, stream_options: streamOptions } = fields;

  if (model === undefined || model === null || model === '') return { ok: false, reply: missingModel() };
  if (typeof model !== 'string') return { ok: false, reply: invalidType('model', 'a string', typeName(model)) };
  if (messages === undefined || messages === null) return { ok: false, reply: missingParameter('messages') };
  if (!Array.isArray(messages)) return { ok: false, reply: invalidType('messages', 'an array', typeName(messages)) };
  if (messages.length === 0) return { ok: false, reply: emptyMessages() };
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean') {
    return { ok: false, reply: invalidType('stream', 'a boolean', typeName(stream)) };
  }
  if (streamOptions !== undefined && streamOptions !== null && stream !== true) return { ok: false, reply: streamOptionsWithoutStream() };
  if (!models.includes(model)) return { ok: false, reply: modelNotFound(model) };

  const includeUsage = stream === true && (streamOptions as { include_usage?: unknown } | null | undefined)?.include_usage === true;
  return { ok: true, value: { body: fields, model, messages, stream: stream === true, includeUsage } };
}

function emptyMessages(): OpenAiErrorReply {
  return {
    status: 400,
    body: {
      error: {
        message: "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
        type: 'invalid_request_error',
        param: 'messages',
        code: 'empty_array',
      },
    },
  };
}
