import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/** Client API keys for `/v1/*`, and which key made each request (for token budgets). */
export class ApiKeys1764400000000 implements MigrationInterface {
  name = 'ApiKeys1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'key_hash', type: 'varchar', length: '64' },
          { name: 'key_prefix', type: 'varchar', length: '24' },
          { name: 'requests_per_minute', type: 'integer', isNullable: true },
          { name: 'tokens_per_day', type: 'integer', isNullable: true },
          { name: 'tokens_per_month', type: 'integer', isNullable: true },
          { name: 'allowed_models', type: 'text', isNullable: true },
          { name: 'expires_at', type: 'bigint', isNullable: true },
          { name: 'revoked_at', type: 'bigint', isNullable: true },
          { name: 'last_used_at', type: 'bigint', isNullable: true },
          { name: 'created_at', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'idx_api_keys_key_hash', columnNames: ['key_hash'], isUnique: true })],
      }),
    );
    await queryRunner.addColumn('requests', new TableColumn({ name: 'api_key_id', type: 'varchar', length: '36', isNullable: true }));
    // Budgets sum a key's tokens since the start of the day or month.
    await queryRunner.createIndex('requests', new TableIndex({ name: 'idx_requests_api_key_id_started_at', columnNames: ['api_key_id', 'started_at'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('requests', 'idx_requests_api_key_id_started_at');
    await queryRunner.dropColumn('requests', 'api_key_id');
    await queryRunner.dropTable('api_keys');
  }
}
