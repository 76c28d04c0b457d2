import { asRecord, matchingItems, optionalInteger, optionalNumber, optionalString } from '@qwen-proxy/contracts';

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
  /** The number its `[[n]]` citation marker uses (`used_id`, else `index`), when given. */
  citationNumber: number | undefined;
}

export interface QwenUsage {
  input_tokens: number | undefined;
  output_tokens: number | undefined;
  total_tokens: number | undefined;
  output_tokens_details: { reasoning_tokens: number | undefined } | undefined;
  /** Seen in DOC-A (2026-08): `{"cached_tokens":0}`. */
  prompt_tokens_details: { cached_tokens: number | undefined } | undefined;
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
  /** `summary_content` (later g4f) is read as an alias. */
  summary_thought: QwenSummary | undefined;
  /** Read for completeness; the reasoning stream carries the thoughts, not their titles. */
  summary_title: QwenSummary | undefined;
  web_search_info: QwenSearchHit[] | undefined;
  search_result: QwenSearchHit[] | undefined;
  /** Pages the model read (search v2, later g4f). */
  web_extract_info: QwenSearchHit[] | undefined;
  /** `extra.tool_result`: search docs (`docs`, each with the `used_id` its `[[n]]` marker cites) or image URLs. */
  tool_result_docs: QwenSearchHit[] | undefined;
  /** Image URLs of the image tools (`extra.image_list`, `extra.tool_result`). */
  image_urls: string[] | undefined;
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
  /** Which candidate answer the error belongs to (in-stream errors carry it; see B3). */
  responseId?: string;
  responseIndex?: string;
  /** `RateLimited`: hours until the daily quota resets. */
  hours?: number;
  /** Risk control: the captcha page to open in a browser. */
  verificationUrl?: string;
  riskControl: boolean;
}

/** One frame of the completion stream, by shape. */
export type QwenFrame =
  | { kind: 'response-created'; chatId?: string; parentId?: string; responseId?: string; responseIndex?: string }
  | { kind: 'keep-alive' }
  | { kind: 'deltas'; deltas: QwenDelta[]; usage?: QwenUsage; responseId?: string; responseIndex?: string }
  | { kind: 'output-text-delta'; text: string }
  | { kind: 'response-completed'; usage?: QwenUsage }
  /** `response.stopped` or `{"done":true}` (later g4f): the answer is over. */
  | { kind: 'response-stopped'; usage?: QwenUsage; responseId?: string }
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
      responseIndex: optionalIndex(created.response_index),
    };
  }
  // Keep-alives, and notices such as `{"action":"skip_think"}` (the model chose not to think):
  // nothing for the answer either way.
  if (frame['response.info'] != null) return { kind: 'keep-alive' };

  const textDelta = asRecord(frame['response.output_text.delta']);
  if (textDelta && typeof textDelta.delta === 'string') return { kind: 'output-text-delta', text: textDelta.delta };

  const completed = asRecord(frame['response.completed']);
  if (completed) {
    return { kind: 'response-completed', usage: readUsage(completed.usage) ?? readUsage(asRecord(completed.response)?.usage) };
  }

  const stopped = frame['response.stopped'];
  if (stopped != null) {
    const record = asRecord(stopped);
    return { kind: 'response-stopped', usage: readUsage(record?.usage), responseId: optionalString(record?.response_id) };
  }

  // A list of choices, even an empty one, or a usage alone make a frame of deltas.
  const deltas = matchingItems(frame.choices, readDeltaOfChoice);
  const usage = readUsage(frame.usage);
  const responseId = optionalString(frame.response_id);
  const responseIndex = optionalIndex(frame.response_index);
  if (deltas || usage) return { kind: 'deltas', deltas: deltas ?? [], usage, responseId, responseIndex };
  if (frame.done === true) return { kind: 'response-stopped', usage, responseId };
  return { kind: 'unrecognised' };
}

/** A whole number, also when written as a string (`"3"`). */
function optionalCount(value: unknown): number | undefined {
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return optionalInteger(value);
}

/** `response_index` comes as `"0"` in `response.created` and as `0` in error frames. */
function optionalIndex(value: unknown): string | undefined {
  const number = optionalNumber(value);
  return number === undefined ? optionalString(value) : String(number);
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
  const candidate = { responseId: optionalString(body.response_id), responseIndex: optionalIndex(body.response_index) };
  if (body.success === false) {
    const detail = readErrorDetail(body.data);
    return { code: detail?.code, details: detail?.details ?? optionalString(body.message), hours: detail?.num, riskControl: false };
  }
  const detail = readErrorDetail(body.error) ?? readErrorDetail(asRecord(body.data)?.error);
  if (detail) return { code: detail.code, details: detail.details, hours: detail.num, riskControl: false, ...candidate };

  // Without `success`: `{"data":{"code":"RateLimited","template":"…{{num}} hours…"}}` (zbridge)
  // and a bare `{"code":"unauthorized","details":"401 Unauthorized"}` (SilverioSG, also as an SSE
  // frame with `detail`). A success never carries a string `code` at these places.
  if (body.success !== true) {
    const bare = readCodedError(asRecord(body.data)) ?? readCodedError(body);
    if (bare) return { ...bare, riskControl: false, ...candidate };
  }

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

/** An object with a string `code` and a message (`details`, `detail`, `message` or `template`). */
function readCodedError(record: Record<string, unknown> | undefined): Omit<QwenErrorPayload, 'riskControl'> | undefined {
  if (record === undefined || typeof record.code !== 'string' || record.code === '') return undefined;
  const num = optionalNumber(record.num);
  const template = optionalString(record.template);
  const details =
    optionalString(record.details) ??
    optionalString(record.detail) ??
    optionalString(record.message) ??
    template?.replace(/\{\{\s*num\s*\}\}/g, num === undefined ? 'some' : String(num));
  // A code alone (`{"code":"ok"}`, `{"code":0}`) is too weak a sign of an error.
  if (details === undefined) return undefined;
  return { code: record.code, details, hours: num };
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
  const promptDetails = asRecord(usage.prompt_tokens_details);
  return {
    input_tokens: optionalNumber(usage.input_tokens),
    output_tokens: optionalNumber(usage.output_tokens),
    total_tokens: optionalNumber(usage.total_tokens),
    output_tokens_details: details && { reasoning_tokens: optionalNumber(details.reasoning_tokens) },
    prompt_tokens_details: promptDetails && { cached_tokens: optionalNumber(promptDetails.cached_tokens) },
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
  const toolResult = extra.tool_result;
  return {
    summary_thought: readSummary(extra.summary_thought) ?? readSummary(extra.summary_content),
    summary_title: readSummary(extra.summary_title),
    web_search_info: matchingItems(extra.web_search_info, readSearchHit),
    search_result: readSearchResult(extra.search_result),
    web_extract_info: readSearchResult(extra.web_extract_info),
    tool_result_docs: matchingItems(asRecord(toolResult)?.docs, readSearchHit),
    image_urls: readImageUrls(extra.image_list, toolResult),
  };
}

/**
 * Image URLs from `image_list` and `tool_result`, each a list of URLs or of `{url}` / `{image}`
 * objects, or a single one (later g4f; no raw capture exists).
 */
function readImageUrls(...values: unknown[]): string[] | undefined {
  const urls: string[] = [];
  const take = (item: unknown) => {
    const url = typeof item === 'string' ? item : (optionalString(asRecord(item)?.url) ?? optionalString(asRecord(item)?.image));
    if (url !== undefined && /^https?:\/\//i.test(url.trim())) urls.push(url.trim());
  };
  for (const value of values) {
    if (Array.isArray(value)) value.forEach(take);
    else if (typeof value === 'string') take(value);
    else {
      const record = asRecord(value);
      if (record === undefined) continue;
      if (Array.isArray(record.image_list)) record.image_list.forEach(take);
      else if (Array.isArray(record.images)) record.images.forEach(take);
      else if (record.docs === undefined) take(record);
    }
  }
  return urls.length > 0 ? urls : undefined;
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
    citationNumber: optionalCount(hit.used_id) ?? optionalCount(hit.index),
  };
}
