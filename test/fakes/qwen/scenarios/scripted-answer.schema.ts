import { z } from 'zod';
import { FAILURE_NAMES, type ScriptedAnswer } from './scripted-answer';

const optionalText = z.string().optional();
const count = z.number().int().nonnegative();

/**
 * Checks answers scripted over the control API (`POST /__fake/script`); typed against
 * `ScriptedAnswer` so the two cannot drift apart.
 */
export const scriptedAnswerSchema: z.ZodType<ScriptedAnswer> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('answer'), text: optionalText, chunks: z.array(z.string()).optional() }),
  z.strictObject({
    kind: z.literal('thinking-summary'),
    thoughts: z.array(z.string()),
    title: optionalText,
    text: optionalText,
  }),
  z.strictObject({ kind: z.literal('thinking-detail'), reasoning: z.string(), text: optionalText }),
  z.strictObject({
    kind: z.literal('search'),
    sources: z.array(z.strictObject({ title: z.string(), url: z.string(), snippet: z.string() })),
    text: optionalText,
  }),
  z.strictObject({ kind: z.literal('keep-alive'), count, intervalMs: count.optional(), text: optionalText }),
  z.strictObject({ kind: z.literal('snapshot-answer'), text: optionalText }),
  z.strictObject({ kind: z.literal('output-text-shape'), text: optionalText }),
  z.strictObject({ kind: z.literal('image'), urls: z.array(z.string()) }),
  z.strictObject({
    kind: z.literal('cut'),
    afterChunks: count,
    text: optionalText,
    ending: z.enum(['destroy', 'end']).optional(),
  }),
  z.strictObject({ kind: z.literal('slow-first-byte'), delayMs: count, text: optionalText }),
  z.strictObject({ kind: z.literal('hang') }),
  z.strictObject({ kind: z.literal('split-bytes'), text: optionalText, seed: z.number().int().optional() }),
  z.strictObject({
    kind: z.literal('stream-error'),
    code: z.string(),
    details: z.string(),
    afterChunks: count,
    text: optionalText,
    shape: z.enum(['top-level', 'under-data', 'envelope', 'candidate', 'bare', 'delta-status']).optional(),
  }),
  z.strictObject({ kind: z.literal('dual-candidates'), text: optionalText, otherText: optionalText }),
  z.strictObject({ kind: z.literal('novel-frame'), frame: z.unknown(), text: optionalText }),
  z.strictObject({
    kind: z.literal('failure'),
    failure: z.enum(FAILURE_NAMES),
    num: z.number().optional(),
    details: optionalText,
  }),
]);

/** One answer or a list of answers, as `POST /__fake/script` accepts. */
export const scriptedAnswersSchema = z.union([scriptedAnswerSchema, z.array(scriptedAnswerSchema)]);
