import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

interface SqliteStatement {
  run(...values: unknown[]): unknown;
}
interface SqliteDatabase {
  prepare(source: string): SqliteStatement;
  transaction<T extends unknown[]>(body: (...values: T) => void): (...values: T) => void;
}

interface PreparedInsert {
  statement: SqliteStatement;
  /** One reader per column, in the statement's order. */
  values: ((row: ObjectLiteral) => unknown)[];
}

/**
 * Inserts entities with statements prepared once on the better-sqlite3 handle, in one
 * transaction per batch. Columns and value conversion come from TypeORM's metadata (column
 * names, transformers), so entities stay the single description of the tables.
 */
export class SqliteRowInserter {
  private readonly prepared = new Map<EntityTarget<ObjectLiteral>, PreparedInsert>();
  private readonly insertBatch: (rows: { entity: EntityTarget<ObjectLiteral>; row: ObjectLiteral }[]) => void;

  constructor(private readonly dataSource: DataSource) {
    const database = (dataSource.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection;
    this.insertBatch = database.transaction((rows: { entity: EntityTarget<ObjectLiteral>; row: ObjectLiteral }[]) => {
      for (const { entity, row } of rows) {
        const { statement, values } = this.preparedFor(entity, database);
        statement.run(...values.map((value) => toSqliteValue(value(row))));
      }
    });
  }

  insertAll(rows: { entity: EntityTarget<ObjectLiteral>; row: ObjectLiteral }[]): void {
    this.insertBatch(rows);
  }

  private preparedFor(entity: EntityTarget<ObjectLiteral>, database: SqliteDatabase): PreparedInsert {
    let prepared = this.prepared.get(entity);
    if (!prepared) {
      const metadata = this.dataSource.getMetadata(entity);
      const columns = metadata.columns.map((column) => `"${column.databaseName}"`);
      const statement = database.prepare(`INSERT INTO "${metadata.tableName}" (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      prepared = { statement, values: metadata.columns.map(columnReader) };
      this.prepared.set(entity, prepared);
    }
    return prepared;
  }
}

/**
 * Reads a column's value off an entity, through its transformer. A plain property is read
 * directly: TypeORM's generic getEntityValue was a few percent of the router path's CPU.
 */
function columnReader(column: ColumnMetadata): (row: ObjectLiteral) => unknown {
  if (column.embeddedMetadata || column.relationMetadata || Array.isArray(column.transformer)) {
    return (row) => column.getEntityValue(row, true);
  }
  const property = column.propertyName;
  const transformer = column.transformer;
  return transformer ? (row) => transformer.to(row[property]) : (row) => row[property];
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null only. */
function toSqliteValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) return JSON.stringify(value);
  return value;
}
