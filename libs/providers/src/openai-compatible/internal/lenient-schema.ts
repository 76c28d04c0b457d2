import { z } from 'zod';
import { type JsonReadResult, parseJson } from '@qwen-proxy/contracts';

/** An optional field that reads as undefined when missing, null or malformed. */
export function lenient<T extends z.ZodType>(schema: T) {
  return schema
    .nullish()
    .catch(undefined)
    .transform((value): z.output<T> | undefined => value ?? undefined);
}

/** An array keeping the items that match, so one odd item does not lose its neighbours. */
export function matchingItems<T extends z.ZodType>(itemSchema: T) {
  return z.array(z.unknown()).transform((items) =>
    items.flatMap((item) => {
      const parsed = itemSchema.safeParse(item);
      return parsed.success ? [parsed.data as z.output<T>] : [];
    }),
  );
}

/** JSON text validated by a schema, as a value: a bad payload never throws (for shapes read once per call). */
export function parseJsonWith<T extends z.ZodType>(schema: T, text: string): JsonReadResult<z.output<T>> {
  const json = parseJson(text);
  if (!json.success) return json;
  const parsed = schema.safeParse(json.value);
  if (parsed.success) return { success: true, value: parsed.data as z.output<T> };
  return { success: false, reason: `unexpected shape (${parsed.error.issues[0]?.message ?? 'invalid'})` };
}
