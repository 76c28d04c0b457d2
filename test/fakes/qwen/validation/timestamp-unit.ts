/** The unit a Unix timestamp is in, judged by its size. */
export type TimestampUnit = 'seconds' | 'milliseconds' | 'other';

/**
 * `chats/new` wants milliseconds and completions want seconds: mixing them up is a classic bug,
 * so the size tells them apart (seconds have 10 digits until 2286, milliseconds 13).
 */
export function timestampUnit(value: number): TimestampUnit {
  if (!Number.isInteger(value)) {
    return 'other';
  }
  if (value >= 1e9 && value < 1e11) {
    return 'seconds';
  }
  if (value >= 1e12 && value < 1e14) {
    return 'milliseconds';
  }
  return 'other';
}
