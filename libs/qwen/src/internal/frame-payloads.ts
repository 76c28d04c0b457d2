/**
 * The frames in one SSE event's data: normally one JSON document. Several documents arrive as
 * one event when a server omits the blank lines between `data:` lines, so each line is tried on
 * its own before giving up. Text that is not JSON is returned as is, for the stream state to
 * count and skip.
 */
export function framesOf(payload: string): unknown[] {
  const text = payload.trim();
  if (text === '') return [];
  const whole = parseJson(text);
  if (whole.parsed) return [whole.value];

  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length > 1) {
    const each = lines.map(parseJson);
    if (each.every((line) => line.parsed)) return each.map((line) => line.value);
  }
  return [payload];
}

function parseJson(text: string): { parsed: boolean; value?: unknown } {
  try {
    return { parsed: true, value: JSON.parse(text) as unknown };
  } catch {
    return { parsed: false };
  }
}
