import type { EntityManager } from 'typeorm';

/**
 * `:name` placeholders to the driver's own (`?` for SQLite, `$1…` for PostgreSQL). TypeORM's
 * escapeQueryWithParameters writes numbers into the SQLite text instead, which makes every call
 * a new statement to prepare.
 */
export function bindNamedParameters(sql: string, parameters: Record<string, unknown>, style: 'positional' | 'numbered'): [string, unknown[]] {
  const values: unknown[] = [];
  const text = sql.replace(/:([A-Za-z][A-Za-z0-9]*)/g, (placeholder, name: string) => {
    if (!Object.hasOwn(parameters, name)) throw new Error(`No value for ${placeholder} in ${sql}`);
    values.push(parameters[name]);
    return style === 'numbered' ? `$${values.length}` : '?';
  });
  return [text, values];
}

/** Runs SQL written with `:name` placeholders on whichever database the manager is connected to. */
export function queryWithNamedParameters(manager: EntityManager, sql: string, parameters: Record<string, unknown>): Promise<unknown> {
  const [text, values] = bindNamedParameters(sql, parameters, manager.connection.options.type === 'postgres' ? 'numbered' : 'positional');
  return manager.query(text, values);
}
