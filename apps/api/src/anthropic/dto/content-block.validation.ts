import { registerDecorator, type ValidationArguments } from 'class-validator';

type Block = Record<string, unknown>;

const isObject = (value: unknown): value is Block => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * The fields each known content block needs, as the Messages API checks them. Block types this
 * gateway does not know (Anthropic adds them often) pass, and are ignored by the mapping.
 */
const requiredFields: Record<string, (block: Block) => boolean> = {
  text: (block) => isString(block['text']),
  image: (block) => isObject(block['source']),
  document: (block) => isObject(block['source']),
  tool_use: (block) => isString(block['id']) && isString(block['name']) && isObject(block['input']),
  tool_result: (block) =>
    isString(block['tool_use_id']) && (block['content'] === undefined || isString(block['content']) || Array.isArray(block['content'])),
  thinking: (block) => isString(block['thinking']),
  redacted_thinking: (block) => isString(block['data']),
};

export function isValidBlock(value: unknown): boolean {
  if (!isObject(value) || !isString(value['type'])) return false;
  const check = requiredFields[value['type']];
  return check ? check(value) : true;
}

/** A string or a non-empty list of content blocks (`{type, …}`), each with the fields its type needs. */
export function IsContentBlocks(options: { allowString: boolean } = { allowString: true }): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isContentBlocks',
      target: target.constructor,
      propertyName: String(propertyKey),
      validator: {
        validate(value: unknown): boolean {
          if (options.allowString && isString(value)) return true;
          return Array.isArray(value) && value.every(isValidBlock);
        },
        defaultMessage(arguments_: ValidationArguments): string {
          return `${arguments_.property} must be ${options.allowString ? 'a string or ' : ''}an array of content blocks, each with a type and the fields that type needs`;
        },
      },
    });
}
