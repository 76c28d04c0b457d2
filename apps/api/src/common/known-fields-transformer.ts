import { classToPlain, type ClassConstructor } from 'class-transformer';
import type { TransformerPackage } from '@nestjs/common/interfaces/external/transformer-package.interface';

// The metadata `@Type` writes; class-transformer exports no public reader for it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

type Constructor = new () => object;

/**
 * The validation pipe's `plainToInstance`, built so that only what a DTO declares is walked: a
 * property with a `@Type` becomes that class (or number, string, boolean, date), and everything
 * else, unknown fields included, is kept exactly as the client sent it. class-transformer walks
 * every value of a body and de-duplicates each object's keys with `indexOf` (quadratic): 40,000
 * keys in an unknown field took 1.4 s, 100,000 took 9 s. Unknown fields stay untouched for the
 * router, which passes them on to OpenAI-compatible upstreams as the client wrote them.
 */
export const knownFieldsTransformer: TransformerPackage = {
  plainToInstance: <T>(metatype: ClassConstructor<T>, plain: unknown) => toInstance(metatype as unknown as Constructor, plain) as T,
  classToPlain,
};

function toInstance(metatype: Constructor, plain: unknown): unknown {
  if (Array.isArray(plain)) return plain.map((item: unknown) => toInstance(metatype, item));
  if (typeof plain !== 'object' || plain === null) return plain;
  const instance = new metatype() as Record<string, unknown>;
  for (const key of Object.keys(plain)) {
    if (key === '__proto__') continue;
    const value = (plain as Record<string, unknown>)[key];
    const type = defaultMetadataStorage.findTypeMetadata(metatype, key)?.typeFunction();
    instance[key] = type === undefined || value === undefined || value === null ? value : convert(type as Constructor, value);
  }
  return instance;
}

/** What class-transformer makes of a value for a declared type. */
function convert(type: Constructor, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item: unknown) => convert(type, item));
  if ((type as unknown) === Number) return Number(value);
  if ((type as unknown) === String) return String(value);
  if ((type as unknown) === Boolean) return Boolean(value);
  if ((type as unknown) === Date) return new Date(value as string);
  return toInstance(type, value);
}
