/** A JSON value as the fake writes it; `undefined` members are left out, as `JSON.stringify` does. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

/**
 * Serialises like Python's `json.dumps(value, ensure_ascii=False)`: a space after every `:` and `,`.
 * The real service writes its stream frames this way, and parsers that split on `","` or expect
 * compact JSON break on it, so the fake must not use `JSON.stringify`'s compact form.
 * Non-ASCII stays raw UTF-8 because the byte-splitting scenarios need multi-byte characters on the wire.
 */
export function toPythonJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    // Python would print NaN/Infinity, which no JSON parser accepts; the fake never needs them.
    return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  }
  if (isArray(value)) {
    return `[${value.map(toPythonJson).join(', ')}]`;
  }
  const members = Object.entries(value)
    .filter((entry): entry is [string, JsonValue] => entry[1] !== undefined)
    .map(([key, member]) => `${JSON.stringify(key)}: ${toPythonJson(member)}`);
  return `{${members.join(', ')}}`;
}

function isArray(value: JsonValue): value is readonly JsonValue[] {
  return Array.isArray(value);
}
