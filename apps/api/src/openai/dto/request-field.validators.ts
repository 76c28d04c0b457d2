import { registerDecorator, type ValidationOptions } from 'class-validator';

function fieldDecorator(name: string, validate: (value: unknown) => boolean, message: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyKey),
      options,
      validator: { validate, defaultMessage: () => message },
    });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `tool_choice`: `none`, `auto`, `required`, or `{type:"function", function:{name}}`. */
export function IsToolChoice(options?: ValidationOptions): PropertyDecorator {
  return fieldDecorator(
    'isToolChoice',
    (value) => {
      if (typeof value === 'string') return ['none', 'auto', 'required'].includes(value);
      if (!isRecord(value) || value['type'] !== 'function') return false;
      const target = value['function'];
      return isRecord(target) && typeof target['name'] === 'string' && target['name'].length > 0;
    },
    'tool_choice must be "none", "auto", "required" or {"type": "function", "function": {"name": "…"}}',
    options,
  );
}

/** `thinking`: a boolean, or `{type: "enabled"|"disabled", budget_tokens?}`. */
export function IsThinkingSwitch(options?: ValidationOptions): PropertyDecorator {
  return fieldDecorator(
    'isThinkingSwitch',
    (value) => {
      if (typeof value === 'boolean') return true;
      if (!isRecord(value) || !['enabled', 'disabled'].includes(String(value['type']))) return false;
      const budget = value['budget_tokens'];
      return budget === undefined || (Number.isInteger(budget) && (budget as number) > 0);
    },
    'thinking must be a boolean or {"type": "enabled"|"disabled", "budget_tokens"?: positive integer}',
    options,
  );
}
