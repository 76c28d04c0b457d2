import type { NextFunction, Request, Response } from 'express';
import { BadRequestError } from '@qwen-proxy/contracts';
import { errorWriterFor } from './gateway-exception.filter';

/** Far deeper than any real request (tool schemas nest a dozen levels), far below a stack overflow. */
export const maxJsonDepth = 128;

/**
 * Refuses bodies nested deeper than `maxJsonDepth`. JSON.parse accepts any depth, but the
 * validation pipe (class-transformer) walks a body recursively and overflows the stack on a few
 * thousand levels: a 3 KB body of `[[[…]]]` answered 500 before this (found by fuzzing).
 */
export function jsonDepthLimit(request: Request, response: Response, next: NextFunction): void {
  if (depthExceeds(request.body as unknown, maxJsonDepth)) {
    return errorWriterFor(request.path)(
      response,
      new BadRequestError(`The request body is nested more than ${maxJsonDepth} levels deep.`, { code: 'invalid_body' }),
    );
  }
  next();
}

/** Iterative, so that measuring a hostile body cannot overflow the stack itself. */
export function depthExceeds(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
  return false;
}
