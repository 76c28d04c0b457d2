import { invalidType, missingModel, modelNotFound, type OpenAiErrorReply, unparsableJson } from './openai-error.replies';
import type { Validation } from './request.validation';

/** An embeddings request that passed what OpenAI checks. */
export interface ValidEmbeddingRequest {
  model: string;
  /** One entry per vector asked for. */
  inputs: (string | number[])[];
  encodingFormat: 'float' | 'base64';
  dimensions?: number;
}

function reply(status: number, message: string, param: string | null = null, code: string | null = null): OpenAiErrorReply {
  return { status, body: { error: { message, type: 'invalid_request_error', param, code } } };
}

const invalidInput = () => reply(400, "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.");

/** What OpenAI refuses in an embeddings body, in its order: JSON, model, input, format, dimensions, the model's existence. */
export function validateEmbeddingRequest(rawBody: string, models: readonly string[]): Validation<ValidEmbeddingRequest> {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return { ok: false, reply: unparsableJson() };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reply: unparsableJson() };
  const { model, input, encoding_format: encodingFormat, dimensions } = body as Record<string, unknown>;
  if (model === undefined || model === null || model === '') return { ok: false, reply: missingModel() };
  if (typeof model !== 'string') return { ok: false, reply: invalidType('model', 'a string', typeof model) };
  if (input === undefined || input === null) return { ok: false, reply: reply(400, "'input' is a required property") };
  const inputs = inputsOf(input);
  if (!inputs) return { ok: false, reply: invalidInput() };
  if (encodingFormat !== undefined && encodingFormat !== 'float' && encodingFormat !== 'base64') {
    return { ok: false, reply: reply(400, `Invalid value for 'encoding_format' = ${String(encodingFormat)}. Supported values are: 'float' and 'base64'.`, 'encoding_format', 'invalid_value') };
  }
  if (dimensions !== undefined && !(Number.isInteger(dimensions) && (dimensions as number) >= 1)) {
    return { ok: false, reply: reply(400, `Invalid 'dimensions': integer below minimum value. Expected a value >= 1, but got ${String(dimensions)} instead.`, 'dimensions', 'integer_below_min_value') };
  }
  if (!models.includes(model)) return { ok: false, reply: modelNotFound(model) };
  return { ok: true, value: { model, inputs, encodingFormat: encodingFormat ?? 'float', dimensions: dimensions as number | undefined } };
}

/** OpenAI's four input shapes as a list of inputs; undefined for anything else or anything empty. */
function inputsOf(input: unknown): (string | number[])[] | undefined {
  const isTokenId = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;
  if (typeof input === 'string') return input ? [input] : undefined;
  if (!Array.isArray(input) || input.length === 0 || input.length > 2048) return undefined;
  if (input.every((item) => typeof item === 'string' && item.length > 0)) return input as string[];
  if (input.every(isTokenId)) return [input as number[]];
  if (input.every((item) => Array.isArray(item) && item.length > 0 && item.every(isTokenId))) return input as number[][];
  return undefined;
}
