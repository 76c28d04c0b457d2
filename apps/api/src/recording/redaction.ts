const secretKeys = /^(authorization|api[-_]?key|x-api-key|token|access[-_]?token|refresh[-_]?token|password|secret|cookies?)$/i;
const maxStringLength = 20_000;

/**
 * A copy of a request body safe to keep: secret-looking fields masked, huge strings (inline
 * images, documents) cut, so the log stays useful without holding credentials or megabytes.
 */
export function redactBody(value: unknown, depth = 0): unknown {
  if (depth > 20) return '[too deep]';
  if (typeof value === 'string') {
    if (value.startsWith('data:') && value.length > 200) return `${value.slice(0, 64)}… [${value.length} chars]`;
    return value.length > maxStringLength ? `${value.slice(0, maxStringLength)}… [${value.length} chars]` : value;
  }
  if (Array.isArray(value)) return value.map((item) => redactBody(item, depth + 1));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, secretKeys.test(key) ? '[redacted]' : redactBody(item, depth + 1)]),
    );
  }
  return value;
}
