/** Where the control plane listens unless the person paired with another one. */
export const defaultControlUrl = 'http://127.0.0.1:3002';

/** The origin of an http(s) URL, or undefined for anything else (file:, javascript:, garbage). */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** `http://127.0.0.1:3002/*` → `http://127.0.0.1:3002`; patterns with wildcards in the host name no origin. */
export function originOfMatchPattern(pattern: string): string | undefined {
  if (pattern.includes('*.') || pattern.startsWith('*://')) return undefined;
  return originOf(pattern.replace(/\/\*$/, '/'));
}

export function matchPatternOf(origin: string): string {
  return `${origin}/*`;
}
