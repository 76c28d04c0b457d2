import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/** OpenAI's limit of inputs in one request. */
export const maximumEmbeddingInputs = 2048;

/**
 * Why an embeddings `input` is refused, or undefined when it is one of OpenAI's four shapes: a
 * string, strings, token ids, or token-id arrays. Nothing empty: an upstream would only fail on
 * it later (OpenAI answers 400 too), and an empty input has no vector.
 */
export function embeddingInputProblem(input: unknown): string | undefined {
  if (typeof input === 'string') return input.length === 0 ? 'input must not be an empty string' : undefined;
  if (!Array.isArray(input)) return 'input must be a string, an array of strings, an array of token ids or an array of token-id arrays';
  if (input.length === 0) return 'input must not be an empty array';
  if (input.length > maximumEmbeddingInputs) return `input may hold at most ${maximumEmbeddingInputs} items, not ${input.length}`;
  if (input.every((item) => typeof item === 'string')) {
    const empty = input.findIndex((item) => item.length === 0);
    return empty === -1 ? undefined : `input[${empty}] must not be an empty string`;
  }
  if (input.every(isTokenId)) return undefined;
  if (input.every(Array.isArray)) {
    for (const [position, item] of (input as unknown[][]).entries()) {
      if (item.length === 0) return `input[${position}] must not be an empty token array`;
      if (!item.every(isTokenId)) return `input[${position}] must hold token ids only (integers of 0 or more)`;
    }
    return undefined;
  }
  return 'input must be all strings, all token ids or all token-id arrays, not a mix';
}

function isTokenId(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}

/** `input` of `POST /v1/embeddings`, with the reason of a refusal in the message. */
export function IsEmbeddingInput(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyKey) =>
    registerDecorator({
      name: 'isEmbeddingInput',
      target: target.constructor,
      propertyName: String(propertyKey),
      options,
      validator: {
        validate: (value: unknown) => embeddingInputProblem(value) === undefined,
        defaultMessage: (validation?: ValidationArguments) => embeddingInputProblem(validation?.value) ?? 'input is invalid',
      },
    });
}
