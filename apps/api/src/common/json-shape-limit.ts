import type { NextFunction, Request, Response } from 'express';
import { BadRequestError, PayloadTooLargeError } from '@qwen-proxy/contracts';
import { errorWriterFor } from './gateway-exception.filter';

export interface JsonShapeLimits {
  /** Object keys plus array items, over the whole body. */
  maxKeys: number;
  /** Levels of objects and arrays. */
  maxDepth: number;
}

/** What a body breaks, if anything. */
export type JsonShapeExcess = { limit: 'depth' | 'keys' } | undefined;

/**
 * Refuses bodies with more members or levels than `limits` allow, before anything walks them.
 * JSON.parse takes any shape, but what comes after (validation, mapping, the request log) walks
 * the body: a 3 KB `[[[…]]]` overflowed class-transformer's stack (found by fuzzing), and an
 * unknown field holding 100,000 keys (1.1 MB) froze the process for 9 s. A refusal is in the
 * surface's own error shape.
 */
export function jsonShapeLimit(limits: JsonShapeLimits) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const excess = measureJsonShape(request.body as unknown, limits);
    if (!excess) return next();
    const sendError = errorWriterFor(request.path);
    if (excess.limit === 'depth') {
      return sendError(response, new BadRequestError(`The request body is nested more than ${limits.maxDepth} levels deep (JSON_MAX_DEPTH).`, { code: 'invalid_body' }));
    }
    return sendError(
      response,
      new PayloadTooLargeError(`The request body has more than ${limits.maxKeys} keys and array items (JSON_MAX_KEYS).`, { code: 'request_too_complex' }),
    );
  };
}

/**
 * Iterative, so that measuring a hostile body cannot overflow the stack itself, and it stops at
 * the first member over the budget, so measuring costs at most `maxKeys` steps.
 */
export function measureJsonShape(value: unknown, limits: JsonShapeLimits): JsonShapeExcess {
  const pending: [object, number][] = [];
  if (typeof value === 'object' && value !== null) pending.push([value, 1]);
  let members = 0;
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (depth > limits.maxDepth) return { limit: 'depth' };
    if (Array.isArray(current)) {
      members += current.length;
      if (members > limits.maxKeys) return { limit: 'keys' };
      for (const child of current as unknown[]) if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
      continue;
    }
    for (const key in current) {
      if (++members > limits.maxKeys) return { limit: 'keys' };
      const child = (current as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return undefined;
}
