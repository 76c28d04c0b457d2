import { z } from 'zod';

/*
 * What Qwen sends, validated leniently: every field is optional, a field of the wrong type reads
 * as absent instead of failing its frame, and unknown fields are dropped. A frame that matches no
 * shape becomes `{ kind: 'unrecognised' }`, a value the stream state counts and skips.
 */

/** An optional field that reads as undefined when missing, null or malformed. */
function lenient<T extends z.ZodType>(schema: T) {
  return schema
    .nullish()
    .catch(undefined)
    .transform((value): z.output<T> | undefined => value ?? undefined);
}

/** An array keeping the items that match, so one odd item does not lose its neighbours. */
function matchingItems<T extends z.ZodType>(itemSchema: T) {
  return z.array(z.unknown()).transform((items) =>
    items.flatMap((item) => {
      const parsed = itemSchema.safeParse(item);
      return parsed.success ? [parsed.data as z.output<T>] : [];
    }),
  );
}

/** An array of strings; a lone string is tolerated too (the protocol only documents arrays). */
const stringList = z
  .union([z.string().transform((text) => [text]), z.array(z.unknown())])
  .transform((items: unknown[]) => items.filter((item): item is string => typeof item === 'string'));

const searchHitSchema = z.object({
  url: z.string().min(1),
  title: lenient(z.string()),
  hostname: lenient(z.string()),
  snippet: lenient(z.string()),
});
export type QwenSearchHit = z.output<typeof searchHitSchema>;

export const usageSchema = z.object({
  input_tokens: lenient(z.number()),
  output_tokens: lenient(z.number()),
  total_tokens: lenient(z.number()),
  output_tokens_details: lenient(z.object({ reasoning_tokens: lenient(z.number()) })),
});
export type QwenUsage = z.output<typeof usageSchema>;

export const deltaSchema = z.object({
  role: lenient(z.string()),
  content: lenient(z.string()),
  phase: lenient(z.string()),
  status: lenient(z.string()),
  function_call: lenient(z.object({ name: lenient(z.string()), arguments: lenient(z.string()) })),
  function_id: lenient(z.string()),
  extra: lenient(
    z.object({
      summary_thought: lenient(z.object({ content: lenient(stringList) })),
      // Parsed for completeness; the reasoning stream carries the thoughts, not their titles.
      summary_title: lenient(z.object({ content: lenient(stringList) })),
      web_search_info: lenient(matchingItems(searchHitSchema)),
      // Its shape is undocumented: a bare list of hits, or one wrapped in `results`.
      search_result: lenient(
        z.union([
          matchingItems(searchHitSchema),
          z.object({ results: matchingItems(searchHitSchema) }).transform((wrapper) => wrapper.results),
        ]),
      ),
    }),
  ),
});
export type QwenDelta = z.output<typeof deltaSchema>;

export const choicesFrameSchema = z.object({
  choices: lenient(matchingItems(z.object({ delta: lenient(deltaSchema) }))),
  response_id: lenient(z.string()),
  usage: lenient(usageSchema),
});

export const responseCreatedFrameSchema = z.object({
  'response.created': z.object({
    chat_id: lenient(z.string()),
    parent_id: lenient(z.string()),
    response_id: lenient(z.string()),
  }),
});

export const responseInfoFrameSchema = z.object({ 'response.info': z.unknown().refine((value) => value != null) });

export const outputTextDeltaFrameSchema = z.object({
  'response.output_text.delta': z.object({ delta: z.string() }),
});

export const responseCompletedFrameSchema = z.object({
  'response.completed': z.object({
    usage: lenient(usageSchema),
    response: lenient(z.object({ usage: lenient(usageSchema) })),
  }),
});

const errorDetailSchema = z.union([
  z.string().min(1).transform((details) => ({ code: undefined, details, num: undefined })),
  z.object({
    code: lenient(z.union([z.string(), z.number().transform(String)])),
    details: lenient(z.string()),
    message: lenient(z.string()),
    num: lenient(z.number()),
  }).transform(({ code, details, message, num }) => ({ code, details: details ?? message, num })),
]);

/** `{"success":false,"data":{"code","details","num"}}`, also without `data` (`message` only). */
export const failureBodySchema = z.object({
  success: z.literal(false),
  message: lenient(z.string()),
  data: lenient(errorDetailSchema),
});

/** `{"error":{…}}` inside the stream, or the same nested under `data`. */
export const errorFrameSchema = z.union([
  z.object({ error: errorDetailSchema }),
  z.object({ data: z.object({ error: errorDetailSchema }) }).transform((frame) => ({ error: frame.data.error })),
]);

/** The Alibaba risk-control answer: `{"ret":["FAIL_SYS_USER_VALIDATE","RGV587_ERROR::SM::…"],"data":{"url"}}`. */
export const riskControlBodySchema = z.object({
  ret: z.array(z.unknown()).refine((entries) =>
    entries.some((entry) => typeof entry === 'string' && !entry.startsWith('SUCCESS')),
  ),
  data: lenient(z.object({ url: lenient(z.string()) })),
});

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

/** Reads a Qwen error from any of its shapes; undefined when the value is not an error. */
export function readErrorPayload(value: unknown): QwenErrorPayload | undefined {
  const failure = failureBodySchema.safeParse(value);
  if (failure.success) {
    const detail = failure.data.data;
    return {
      code: detail?.code,
      details: detail?.details ?? failure.data.message,
      hours: detail?.num,
      riskControl: false,
    };
  }
  const errorFrame = errorFrameSchema.safeParse(value);
  if (errorFrame.success) {
    const { code, details, num } = errorFrame.data.error;
    return { code, details, hours: num, riskControl: false };
  }
  const riskControl = riskControlBodySchema.safeParse(value);
  if (riskControl.success) {
    const markers = riskControl.data.ret.filter((entry): entry is string => typeof entry === 'string');
    return {
      code: markers[0]?.split('::')[0],
      details: markers.join(', '),
      verificationUrl: riskControl.data.data?.url,
      riskControl: true,
    };
  }
  return undefined;
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
  if (typeof value !== 'object' || value === null) return { kind: 'unrecognised' };
  const frame = value as Record<string, unknown>;
  // A failed safeParse builds a ZodError (~100 µs; measured by bench/profile.ts): only shapes
  // whose marker key is present are tried, so an ordinary answer frame is parsed exactly once.
  const nested = frame['data'];
  const mayBeError =
    frame['success'] === false || 'error' in frame || 'ret' in frame || (typeof nested === 'object' && nested !== null && 'error' in nested);
  // Errors first: an error body may also carry fields of other shapes (`data`, `choices: []`).
  if (mayBeError) {
    const error = readErrorPayload(value);
    if (error) return { kind: 'error', error };
  }

  if ('response.created' in frame) {
    const created = responseCreatedFrameSchema.safeParse(value);
    if (created.success) {
      const { chat_id, parent_id, response_id } = created.data['response.created'];
      return {
        kind: 'response-created',
        chatId: chat_id,
        parentId: parent_id,
        responseId: response_id,
      };
    }
  }
  if ('response.info' in frame && responseInfoFrameSchema.safeParse(value).success) return { kind: 'keep-alive' };

  if ('response.output_text.delta' in frame) {
    const textDelta = outputTextDeltaFrameSchema.safeParse(value);
    if (textDelta.success) return { kind: 'output-text-delta', text: textDelta.data['response.output_text.delta'].delta };
  }

  if ('response.completed' in frame) {
    const completed = responseCompletedFrameSchema.safeParse(value);
    if (completed.success) {
      const body = completed.data['response.completed'];
      return { kind: 'response-completed', usage: body.usage ?? body.response?.usage };
    }
  }

  if ('choices' in frame || 'usage' in frame) {
    const choices = choicesFrameSchema.safeParse(value);
    if (choices.success && (choices.data.choices || choices.data.usage)) {
      const deltas = (choices.data.choices ?? []).flatMap((choice) => (choice.delta ? [choice.delta] : []));
      return { kind: 'deltas', deltas, usage: choices.data.usage, responseId: choices.data.response_id };
    }
  }
  return { kind: 'unrecognised' };
}
