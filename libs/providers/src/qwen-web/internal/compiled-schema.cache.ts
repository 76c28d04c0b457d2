import { createHash } from 'node:crypto';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import RE2 from 're2';

/**
 * Compiled tool schemas of the whole process, by the hash of their JSON, least recently used
 * out first. One ajv instance compiles them all; it forgets each schema once compiled, so only
 * this cache decides what stays in memory.
 */
class CompiledSchemaCache {
  private readonly ajv: Ajv;
  private readonly entries = new Map<string, ValidateFunction>();

  constructor() {
    // RE2 runs `pattern` and `patternProperties` in linear time; a pattern it cannot run
    // (look-arounds, back-references) fails the compile, and the tool is refused.
    const regExp = Object.assign((pattern: string, flags: string) => new RE2(pattern, flags), { code: 'require("re2")' });
    this.ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, code: { regExp } });
    addFormats(this.ajv);
  }

  /** The validator of `schema`, whose JSON is `text`; throws when ajv cannot compile it. */
  get(text: string, schema: Record<string, unknown>, capacity: number): ValidateFunction {
    const key = createHash('sha256').update(text).digest('base64url');
    const cached = this.entries.get(key);
    if (cached) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    let validate: ValidateFunction;
    try {
      validate = this.ajv.compile(schema);
    } finally {
      this.ajv.removeSchema(schema);
    }
    this.entries.set(key, validate);
    while (this.entries.size > capacity) this.entries.delete(this.entries.keys().next().value!);
    return validate;
  }

  get size(): number {
    return this.entries.size;
  }
}

export const compiledSchemas = new CompiledSchemaCache();
