import { asRecord, matchingItems, optionalNumber, optionalString } from '@qwen-proxy/contracts';

/*
 * What Qwen sends, read leniently: every field is optional, a field that is missing, null or of
 * the wrong type reads as undefined instead of failing its frame, and unknown fields are dropped.
 * A frame that matches no shape becomes `{ kind: 'unrecognised' }`, a value the stream state
 * counts and skips.
 *
 * Hand-written readers, not zod schemas: they run for every frame of every answer, and a failed
 * schema parse built a ZodError even on success paths (an ordinary JSON answer is checked for
 * every error shape). Every object they return has all of its keys, undefined when absent.
 */

export interface QwenSearchHit {
  url: string;
  title: string | undefined;
  hostname: string | undefined;
  snippet: string | undefined;
}

export interface QwenUsage {
  input_tokens: number | undefined;
  output_tokens: number | undefined;
  total_tokens: number | undefined;
  output_tokens_details: { reasoning_tokens: number | undefined } | undefined;
}

export interface QwenFunctionCall {
  name: string | undefined;
  arguments: string | undefined;
}

/** `summary_thought` and `summary_title`: a list of strings. */
export interface QwenSummary {
  content: string[] | undefined;
}

export interface QwenDeltaExtra {
  summary_thought: QwenSummary | undefined;
  /** Read for completeness; the reasoning stream carries the thoughts, not their titles. */
  summary_title: QwenSummary | undefined;
  web_search_info: QwenSearchHit[] | undefined;
  search_result: QwenSearchHit[] | undefined;
}

export interface QwenDelta {
  role: string | undefined;
  content: string | undefined;
  phase: string | undefined;
  status: string | undefined;
  function_call: QwenFunctionCall | undefined;
  function_id: string | undefined;
  extra: QwenDeltaExtra | undefined;
}

/** Every failure Qwen reports in a body, normalised; what it means is decided elsewhere. */
export interface QwenErrorPayload {
  code?: string;
  details?: string;
  /** `RateLimited`: hours until the daily quota resets. */
  hours?: number;
  /** Risk control: the captcha page to open in a browser. */
  verificationUrl?: string;
  riskControl: boolean;
}

/** One frame of the completion stream, by shape. */
export type QwenFrame =
  | { kind: 'response-created'; chatId?: string; parentId?: string; responseId?: string }
  | { kind: 'keep-alive' }
  | { kind: 'deltas'; deltas: QwenDelta[]; usage?: QwenUsage; responseId?: string }
  | { kind: 'output-text-delta'; text: string }
  | { kind: 'response-completed'; usage?: QwenUsage }
  | { kind: 'error'; error: QwenErrorPayload }
  | { kind: 'unrecognised' };

/** Names the shape of one decoded frame. Never throws: anything unknown is `unrecognised`. */
export function parseQwenFrame(value: unknown): QwenFrame {
  const frame = asRecord(value);
  if (frame === undefined) return { kind: 'unrecognised' };

  // Errors first: an error body may also carry fields of other shapes (`data`, `choices: []`).
  const error = readErrorPayload(frame);
  if (error) return { kind: 'error', error };

  const created = asRecord(frame['response.created']);
  if (created) {
    return {
      kind: 'response-created',
      chatId: optionalString(created.chat_id),
      parentId: optionalString(created.parent_id),
      responseId: optionalString(created.response_id),
    };
  }
  if (frame['response.info'] != null) return { kind: 'keep-alive' };

  const textDelta = asRecord(frame['response.output_text.delta']);
  if (textDelta && typeof textDelta.delta === 'string') return { kind: 'output-text-delta', text: textDelta.delta };

  const completed = asRecord(frame['response.completed']);
  if (completed) {
    return { kind: 'response-completed', usage: readUsage(completed.usage) ?? readUsage(asRecord(completed.response)?.usage) };
  }

  // A list of choices, even an empty one, or a usage alone make a frame of deltas.
  const deltas = matchingItems(frame.choices, readDeltaOfChoice);
  const usage = readUsage(frame.usage);
  if (deltas || usage) return { kind: 'deltas', deltas: deltas ?? [], usage, responseId: optionalString(frame.response_id) };
  return { kind: 'unrecognised' };
}

/**
 * Reads a Qwen error from any of its shapes; undefined when the value is not an error:
 * `{"success":false,"data":{"code","details","num"}}` (also without `data`, `message` only),
 * `{"error":{…}}` in the stream (or nested under `data`), and the Alibaba risk-control answer
 * `{"ret":["FAIL_SYS_USER_VALIDATE","RGV587_ERROR::SM::…"],"data":{"url"}}`.
 */
export function readErrorPayload(value: unknown): QwenErrorPayload | undefined {
  const body = asRecord(value);
  if (body === undefined) return undefined;
  if (body.success === false) {
    const detail = readErrorDetail(body.data);
    return { code: detail?.code, details: detail?.details ?? optionalString(body.message), hours: detail?.num, riskControl: false };
  }
  const detail = readErrorDetail(body.error) ?? readErrorDetail(asRecord(body.data)?.error);
  if (detail) return { code: detail.code, details: detail.details, hours: detail.num, riskControl: false };

  // `ret` lists SUCCESS markers on answers that went through.
  const { ret } = body;
  if (Array.isArray(ret) && ret.some((entry) => typeof entry === 'string' && !entry.startsWith('SUCCESS'))) {
    const markers = ret.filter((entry): entry is string => typeof entry === 'string');
    return {
      code: markers[0]?.split('::')[0],
      details: markers.join(', '),
      verificationUrl: optionalString(asRecord(body.data)?.url),
      riskControl: true,
    };
  }
  return undefined;
}

interface QwenErrorDetail {
  code: string | undefined;
  details: string | undefined;
  num: number | undefined;
}

/** An error as a non-empty message, or as an object whose `code` may be a number. */
function readErrorDetail(value: unknown): QwenErrorDetail | undefined {
  if (typeof value === 'string') return value === '' ? undefined : { code: undefined, details: value, num: undefined };
  const detail = asRecord(value);
  if (detail === undefined) return undefined;
  const numericCode = optionalNumber(detail.code);
  return {
    code: optionalString(detail.code) ?? (numericCode === undefined ? undefined : String(numericCode)),
    details: optionalString(detail.details) ?? optionalString(detail.message),
    num: optionalNumber(detail.num),
  };
}

function readUsage(value: unknown): QwenUsage | undefined {
  const usage = asRecord(value);
  if (usage === undefined) return undefined;
  const details = asRecord(usage.output_tokens_details);
  return {
    input_tokens: optionalNumber(usage.input_tokens),
    output_tokens: optionalNumber(usage.output_tokens),
    total_tokens: optionalNumber(usage.total_tokens),
    output_tokens_details: details && { reasoning_tokens: optionalNumber(details.reasoning_tokens) },
  };
}

/** A choice carries nothing else the stream needs; one without a delta is dropped. */
function readDeltaOfChoice(value: unknown): QwenDelta | undefined {
  return readDelta(asRecord(value)?.delta);
}

function readDelta(value: unknown): QwenDelta | undefined {
  const delta = asRecord(value);
  if (delta === undefined) return undefined;
  const call = asRecord(delta.function_call);
  return {
    role: optionalString(delta.role),
    content: optionalString(delta.content),
    phase: optionalString(delta.phase),
    status: optionalString(delta.status),
    function_call: call && { name: optionalString(call.name), arguments: optionalString(call.arguments) },
    function_id: optionalString(delta.function_id),
    extra: readExtra(delta.extra),
  };
}

function readExtra(value: unknown): QwenDeltaExtra | undefined {
  const extra = asRecord(value);
  if (extra === undefined) return undefined;
  return {
    summary_thought: readSummary(extra.summary_thought),
    summary_title: readSummary(extra.summary_title),
    web_search_info: matchingItems(extra.web_search_info, readSearchHit),
    search_result: readSearchResult(extra.search_result),
  };
}

function readSummary(value: unknown): QwenSummary | undefined {
  const summary = asRecord(value);
  return summary && { content: readStringList(summary.content) };
}

/** An array's strings; a lone string is tolerated too (the protocol only documents arrays). */
function readStringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return undefined;
  return value.filter((item): item is string => typeof item === 'string');
}

/** Its shape is undocumented: a bare list of hits, or one wrapped in `results`. */
function readSearchResult(value: unknown): QwenSearchHit[] | undefined {
  if (Array.isArray(value)) return matchingItems(value, readSearchHit);
  return matchingItems(asRecord(value)?.results, readSearchHit);
}

/** A hit without a URL cannot become a source, so it is dropped with its item. */
function readSearchHit(value: unknown): QwenSearchHit | undefined {
  const hit = asRecord(value);
  if (hit === undefined || typeof hit.url !== 'string' || hit.url === '') return undefined;
  return {
    url: hit.url,
    title: optionalString(hit.title),
    hostname: optionalString(hit.hostname),
    snippet: optionalString(hit.snippet),
  };
}
