import type { ColumnOptions, ValueTransformer } from 'typeorm';

/**
 * Epoch milliseconds are stored as `bigint` so PostgreSQL holds them; its driver returns bigint
 * as a string, so read them back as numbers (safe: epoch ms fit in 53 bits for millennia).
 */
const millisecondsTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

export function millisecondsColumn(options: { nullable?: boolean } = {}): ColumnOptions {
  return { type: 'bigint', nullable: options.nullable ?? false, transformer: millisecondsTransformer };
}

export function integerColumn(options: { nullable?: boolean; default?: number } = {}): ColumnOptions {
  return { type: 'integer', nullable: options.nullable ?? false, default: options.default };
}

/** JSON kept as text: identical on SQLite and PostgreSQL, and parsed in one place. */
const jsonTransformer: ValueTransformer = {
  to: (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value)),
  from: (value: string | null) => (value === null || value === undefined ? null : JSON.parse(value)),
};

export function jsonColumn(options: { nullable?: boolean } = {}): ColumnOptions {
  return { type: 'text', nullable: options.nullable ?? true, transformer: jsonTransformer };
}
