import { registerDecorator, type ValidationArguments } from 'class-validator';

type Item = Record<string, unknown>;

const isObject = (value: unknown): value is Item => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const roles = ['user', 'assistant', 'system', 'developer'];

/** The fields each input item needs, as the Responses API checks them; unknown item types pass and are ignored. */
const requiredFields: Record<string, (item: Item) => boolean> = {
  message: (item) => roles.includes(String(item['role'])) && (isString(item['content']) || (Array.isArray(item['content']) && item['content'].every(isObject))),
  function_call: (item) => isString(item['call_id']) && isString(item['name']) && isString(item['arguments']),
  function_call_output: (item) => isString(item['call_id']) && (isString(item['output']) || Array.isArray(item['output'])),
  reasoning: (item) => item['summary'] === undefined || Array.isArray(item['summary']),
};

/** An item without `type` is a message (the easy input form `{role, content}`). */
export function isValidInputItem(value: unknown): boolean {
  if (!isObject(value)) return false;
  const type = value['type'] ?? 'message';
  if (!isString(type)) return false;
  const check = requiredFields[type];
  return check ? check(value) : true;
}

/** `input` is a string or a list of items (messages, function calls and their outputs, reasoning). */
export function IsResponseInput(): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isResponseInput',
      target: target.constructor,
      propertyName: String(propertyKey),
      validator: {
        validate(value: unknown): boolean {
          if (isString(value)) return true;
          return Array.isArray(value) && value.every(isValidInputItem);
        },
        defaultMessage(arguments_: ValidationArguments): string {
          return `${arguments_.property} must be a string or an array of input items (message, function_call, function_call_output, reasoning), each with the fields its type needs`;
        },
      },
    });
}
