/**
 * An error and the errors it wraps, outermost first: fetch wraps undici's errors, undici wraps
 * the socket's. Bounded, since a `cause` chain can be made circular.
 */
export function causeChainOf(error: unknown, maxDepth = 5): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < maxDepth && typeof current === 'object' && current !== null; depth += 1) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

/** The string `code`s (Node's `ECONNRESET`, undici's `UND_ERR_*`…) along an error's `cause` chain. */
export function errorCodesOf(error: unknown): string[] {
  return causeChainOf(error).flatMap((link) => {
    const code = (link as { code?: unknown }).code;
    return typeof code === 'string' ? [code] : [];
  });
}
