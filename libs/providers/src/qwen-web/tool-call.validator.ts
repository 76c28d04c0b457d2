import type { ErrorObject, ValidateFunction } from 'ajv';
import { BadRequestError, type ToolDefinition } from '@qwen-proxy/contracts';
import { compiledSchemas } from './internal/compiled-schema.cache';

/** A call the model wrote that names a declared tool with arguments its schema accepts. */
export interface ValidToolCall {
  name: string;
  /** The arguments as compact JSON text: what the client receives and later resends. */
  arguments: string;
}

/** Why a written call cannot be used, in words the model can act on in a repair turn. */
export interface ToolCallProblem {
  /** The tool named, when one could be read. */
  name?: string;
  reason: string;
}

export type ToolCallVerdict = { valid: true; call: ValidToolCall } | { valid: false; problem: ToolCallProblem };

/** What one tool's schema may cost: ajv compiles about 1 ms per subschema on this machine, on the event loop. */
export interface ToolSchemaLimits {
  /** Bytes of one tool's schema, as JSON. */
  maxBytes: number;
  /** Subschemas (objects) in one tool's schema: what compile time grows with. */
  maxNodes: number;
  /** Compiled schemas kept, least recently used out first. */
  cacheSize: number;
}

export const defaultToolSchemaLimits: ToolSchemaLimits = Object.freeze({ maxBytes: 64 * 1024, maxNodes: 500, cacheSize: 256 });

/**
 * Checks calls against the tools of one request. Each distinct schema is compiled once per
 * process (a bounded cache keyed by its hash: agents resend the same tools every turn, and a
 * compile costs about 1 ms per subschema, on the event loop), with every error reported
 * (`allErrors`) so one repair turn can fix them all, and `strict: false` because clients send
 * schemas with keywords ajv does not know (`title`, vendor extensions). Schemas over the size
 * limits are refused, and `pattern`s run on a linear-time engine (RE2): `^(a+)+$` against 31
 * characters held the loop 11 s with JavaScript's backtracking one.
 */
export class ToolCallValidator {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(tools: readonly ToolDefinition[], limits: ToolSchemaLimits = defaultToolSchemaLimits) {
    tools.forEach((tool, index) => {
      const param = `tools[${index}].function.parameters`;
      const refuse = (reason: string) =>
        new BadRequestError(`The parameters of the tool \`${tool.name}\` are not a usable JSON Schema: ${reason}`, { code: 'invalid_tool_schema', param });
      const schema = withoutDialect(tool.parameters ?? { type: 'object' });
      const text = JSON.stringify(schema);
      if (text.length > limits.maxBytes) throw refuse(`${text.length} bytes, more than the ${limits.maxBytes} accepted (TOOL_SCHEMA_MAX_BYTES).`);
      const nodes = countNodes(schema, limits.maxNodes);
      if (nodes > limits.maxNodes) throw refuse(`more than ${limits.maxNodes} subschemas (TOOL_SCHEMA_MAX_NODES).`);
      try {
        this.validators.set(tool.name, compiledSchemas.get(text, schema, limits.cacheSize));
      } catch (error) {
        throw refuse((error as Error).message);
      }
    });
  }

  get toolNames(): string[] {
    return [...this.validators.keys()];
  }

  /** Judges the text inside one call block. */
  check(body: string): ToolCallVerdict {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return invalid(undefined, 'the block does not hold valid JSON: write one JSON object {"name": …, "arguments": {…}}');
    }
    if (!isObject(parsed) || typeof parsed['name'] !== 'string' || !parsed['name']) {
      return invalid(undefined, 'the JSON must be an object with a string "name" and an object "arguments"');
    }
    const name = parsed['name'];
    const validate = this.validators.get(name);
    if (!validate) return invalid(name, `there is no tool named "${name}"; the tools are: ${this.toolNames.join(', ')}`);

    const argumentsValue = readArguments(parsed['arguments'] ?? parsed['parameters']);
    if (argumentsValue === undefined) return invalid(name, '"arguments" must be a JSON object');
    if (!validate(argumentsValue)) return invalid(name, `the arguments do not match the schema: ${describe(validate.errors ?? [])}`);
    return { valid: true, call: { name, arguments: JSON.stringify(argumentsValue) } };
  }
}

/**
 * The schema without its `$schema`: zod and pydantic name draft 2020-12 or 07 there, and the
 * keywords tools use (types, properties, required, enum) read the same in every draft.
 */
function withoutDialect(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

/** Objects in the schema, counted up to just past `limit`. */
function countNodes(schema: unknown, limit: number): number {
  const pending: unknown[] = [schema];
  let nodes = 0;
  while (pending.length > 0 && nodes <= limit) {
    const current = pending.pop();
    if (typeof current !== 'object' || current === null) continue;
    if (!Array.isArray(current)) nodes += 1;
    pending.push(...Object.values(current));
  }
  return nodes;
}

function invalid(name: string | undefined, reason: string): ToolCallVerdict {
  return { valid: false, problem: name === undefined ? { reason } : { name, reason } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Arguments as an object; models sometimes write them as a JSON string, or leave them out. */
function readArguments(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return {};
  if (isObject(value)) return value;
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return isObject(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function describe(errors: readonly ErrorObject[]): string {
  return errors
    .map((error) => {
      const where = error.instancePath ? `"${error.instancePath.slice(1).replace(/\//g, '.')}"` : 'the arguments';
      const extra = error.keyword === 'additionalProperties' ? ` ("${String(error.params['additionalProperty'])}")` : '';
      return `${where} ${error.message ?? 'is invalid'}${extra}`;
    })
    .join('; ');
}
