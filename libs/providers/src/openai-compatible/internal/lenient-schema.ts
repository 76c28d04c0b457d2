import { z } from 'zod';

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

export type JsonParseResult<T> = { success: true; value: T } | { success: false; reason: string };

/** JSON text validated by a schema, as a value: a bad payload never throws. */
export function parseJsonWith<T extends z.ZodType>(schema: T, text: string): JsonParseResult<z.output<T>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { success: false, reason: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { success: true, value: parsed.data as z.output<T> };
  return { success: false, reason: `unexpected shape (${parsed.error.issues[0]?.message ?? 'invalid'})` };
}
