/*
 * Tolerant reading of JSON that someone else wrote (upstream answers, stream frames): each
 * reader takes `unknown` and gives the value in the expected type, or undefined when it is
 * missing, null or of another type. One odd field must not cost a whole chunk, so nothing here
 * throws or collects issues.
 *
 * Plain checks rather than a schema library: providers read every streamed chunk with these,
 * and a lenient zod schema (three pipes per field, an issue object per mistyped one) cost about
 * a fifth of the gateway's CPU on that path.
 */

/** A JSON object, whose fields are still to be read. */
export type JsonRecord = Record<string, unknown>;

/** The value as an object with fields; arrays and null are not, although `typeof` says "object". */
export function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A finite number: JSON can spell an infinity (`1e999`), which is no count, index or status. */
export function optionalNumber(value: unknown): number | undefined {
  return Number.isFinite(value) ? (value as number) : undefined;
}

/** A whole number within the exact range of a double, so that it can be compared and used as a key. */
export function optionalInteger(value: unknown): number | undefined {
  return Number.isSafeInteger(value) ? (value as number) : undefined;
}

/** An array whose items are still to be read, one by one. */
export function optionalArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/**
 * The items of an array that `readItem` can read (it returns undefined for the others), so that
 * one odd item does not lose its neighbours. Undefined when the value is no array at all.
 */
export function matchingItems<T>(value: unknown, readItem: (item: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items: T[] = [];
  for (const item of value) {
    const read = readItem(item);
    if (read !== undefined) items.push(read);
  }
  return items;
}

/** A read that failed says why, as a value: a bad payload is data, never an exception. */
export type JsonReadResult<T> = { success: true; value: T } | { success: false; reason: string };

export function parseJson(text: string): JsonReadResult<unknown> {
  try {
    return { success: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { success: false, reason: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}

/**
 * JSON text whose top level must be an object, read by `readObject`. Its two failures stay
 * apart because they mean different things upstream: text that is "not JSON" (a cut-off line,
 * an HTML page) and JSON of an "unexpected shape" (`"[DONE]"`, a bare array).
 */
export function parseJsonObjectWith<T>(readObject: (object: JsonRecord) => T | undefined, text: string): JsonReadResult<T> {
  const parsed = parseJson(text);
  if (!parsed.success) return parsed;
  const object = asRecord(parsed.value);
  if (object === undefined) {
    // Worded as the zod schemas that read these payloads before, so messages and logs stay the same.
    return { success: false, reason: `unexpected shape (Invalid input: expected object, received ${jsonTypeOf(parsed.value)})` };
  }
  const value = readObject(object);
  return value === undefined ? { success: false, reason: 'unexpected shape' } : { success: true, value };
}

/** The name of a JSON value's type, telling arrays and null apart from objects. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
