/** Reads a `Cookie` header into name → value; the first occurrence of a name wins, as in browsers. */
export function parseCookieHeader(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (header ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator <= 0) {
      continue;
    }
    const name = pair.slice(0, separator).trim();
    if (!cookies.has(name)) {
      cookies.set(name, pair.slice(separator + 1).trim());
    }
  }
  return cookies;
}
