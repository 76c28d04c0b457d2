import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { BadRequestError, type ToolDefinition } from '@qwen-proxy/contracts';

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

/**
 * Checks calls against the tools of one request. Each tool's JSON Schema is compiled once, with
 * every error reported (`allErrors`) so one repair turn can fix them all, and `strict: false`
 * because clients send schemas with keywords ajv does not know (`title`, vendor extensions).
 */
export class ToolCallValidator {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(tools: readonly ToolDefinition[]) {
    const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
    addFormats(ajv);
    tools.forEach((tool, index) => {
      try {
        this.validators.set(tool.name, ajv.compile(withoutDialect(tool.parameters ?? { type: 'object' })));
      } catch (error) {
        throw new BadRequestError(`The parameters of the tool \`${tool.name}\` are not a usable JSON Schema: ${(error as Error).message}`, {
          code: 'invalid_tool_schema',
          param: `tools[${index}].function.parameters`,
        });
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
