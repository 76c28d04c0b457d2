import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import type { TableColumnOptions } from 'typeorm/schema-builder/options/TableColumnOptions';

// Written with TypeORM's schema builder rather than SQL so the same migration runs on SQLite
// and PostgreSQL.
const id = (name = 'id', length = 36): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isPrimary: true });
const text = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'text', isNullable });
const varchar = (name: string, length: number, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
});
const milliseconds = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable });
const integer = (name: string, isNullable = false, defaultValue?: number): TableColumnOptions => ({
  name,
  type: 'integer',
  isNullable,
  default: defaultValue,
});
const boolean = (name: string, defaultValue: boolean): TableColumnOptions => ({
  name,
  type: 'boolean',
  default: defaultValue,
});

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'qwen_credentials',
        columns: [
          id(),
          varchar('label', 200),
          varchar('account_id', 100, true),
          text('token_encrypted'),
          text('cookies_encrypted'),
          text('bx_ua_encrypted', true),
          text('bx_umidtoken_encrypted', true),
          varchar('bx_v', 40, true),
          text('user_agent', true),
          varchar('token_hint', 40),
          text('cookie_names'),
          varchar('status', 24),
          text('status_reason', true),
          text('verification_url', true),
          milliseconds('expires_at', true),
          milliseconds('cooldown_until', true),
          milliseconds('last_used_at', true),
          varchar('source', 24),
          milliseconds('created_at'),
          milliseconds('updated_at'),
        ],
        indices: [new TableIndex({ name: 'idx_qwen_credentials_account_id', columnNames: ['account_id'] })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          id(),
          varchar('provider', 40),
          varchar('credential_id', 36, true),
          varchar('upstream_chat_id', 100),
          varchar('model', 200),
          varchar('explicit_key', 200, true),
          text('title'),
          integer('turn_count', false, 0),
          varchar('last_response_id', 100, true),
          milliseconds('closed_at', true),
          milliseconds('created_at'),
          milliseconds('last_used_at'),
        ],
        indices: [
          new TableIndex({ name: 'idx_sessions_explicit_key', columnNames: ['explicit_key'] }),
          new TableIndex({ name: 'idx_sessions_last_used_at', columnNames: ['last_used_at'] }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'session_turns',
        columns: [
          id(),
          varchar('session_id', 36),
          varchar('history_hash', 64),
          varchar('upstream_response_id', 100),
          varchar('request_id', 64, true),
          milliseconds('created_at'),
        ],
        indices: [new TableIndex({ name: 'idx_session_turns_history_hash', columnNames: ['history_hash'] })],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['session_id'],
            referencedTableName: 'sessions',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'requests',
        columns: [
          id('id', 64),
          varchar('listener', 16),
          varchar('surface', 40),
          varchar('model', 200),
          boolean('stream', false),
          integer('message_count', false, 0),
          varchar('provider', 40, true),
          varchar('credential_id', 36, true),
          varchar('session_id', 36, true),
          text('client_user_agent', true),
          text('body', true),
          milliseconds('started_at'),
        ],
        indices: [
          new TableIndex({ name: 'idx_requests_model', columnNames: ['model'] }),
          new TableIndex({ name: 'idx_requests_session_id', columnNames: ['session_id'] }),
          new TableIndex({ name: 'idx_requests_started_at', columnNames: ['started_at'] }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'responses',
        columns: [
          id('request_id', 64),
          integer('status_code'),
          varchar('finish_reason', 24, true),
          boolean('truncated', false),
          boolean('cancelled', false),
          varchar('error_code', 64, true),
          text('error_message', true),
          integer('prompt_tokens', true),
          integer('completion_tokens', true),
          integer('total_tokens', true),
          integer('reasoning_tokens', true),
          boolean('usage_estimated', false),
          integer('time_to_first_token_ms', true),
          integer('duration_ms'),
          text('body', true),
          milliseconds('completed_at'),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['request_id'],
            referencedTableName: 'requests',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'models',
        columns: [
          { ...id('id', 200) },
          { ...id('provider', 40) },
          varchar('display_name', 200),
          text('description', true),
          text('capabilities', true),
          integer('max_context_length', true),
          integer('max_output_length', true),
          milliseconds('fetched_at'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'providers',
        columns: [
          id(),
          varchar('name', 100),
          varchar('type', 40),
          text('base_url', true),
          text('api_key_encrypted', true),
          boolean('enabled', true),
          integer('priority', false, 0),
          integer('weight', false, 1),
          text('settings', true),
          milliseconds('created_at'),
          milliseconds('updated_at'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'settings',
        columns: [id('key', 100), text('value'), milliseconds('updated_at')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['settings', 'providers', 'models', 'responses', 'requests', 'session_turns', 'sessions', 'qwen_credentials']) {
      await queryRunner.dropTable(table);
    }
  }
}
