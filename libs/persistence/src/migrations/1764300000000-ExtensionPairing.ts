import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** Scoped tokens of paired browser extensions (stored hashed). Pairing codes live in memory only. */
export class ExtensionPairing1764300000000 implements MigrationInterface {
  name = 'ExtensionPairing1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'extension_tokens',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'extension_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'user_agent', type: 'text', isNullable: true },
          { name: 'credential_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'last_sync_at', type: 'bigint', isNullable: true },
          { name: 'last_used_at', type: 'bigint', isNullable: true },
          { name: 'created_at', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'idx_extension_tokens_token_hash', columnNames: ['token_hash'], isUnique: true })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('extension_tokens');
  }
}
