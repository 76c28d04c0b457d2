import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/**
 * Conversations belong to the client that opened them (issue 14): `client_scope` is the API key
 * (null in open mode) on sessions and stored responses, and `opening_hash` the hash of the
 * system prompt a chat was opened with, so a session key alone can only continue a chat that
 * began the same way; `resends_history` marks a chat whose client resends its history, whose
 * key alone therefore never continues it.
 */
export class ClientScope1764510000000 implements MigrationInterface {
  name = 'ClientScope1764510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('sessions', new TableColumn({ name: 'client_scope', type: 'varchar', length: '40', isNullable: true }));
    await queryRunner.addColumn('sessions', new TableColumn({ name: 'opening_hash', type: 'varchar', length: '64', isNullable: true }));
    await queryRunner.addColumn('sessions', new TableColumn({ name: 'resends_history', type: 'boolean', default: false }));
    await queryRunner.createIndex('sessions', new TableIndex({ name: 'idx_sessions_scope_explicit_key', columnNames: ['client_scope', 'explicit_key'] }));
    await queryRunner.addColumn('stored_responses', new TableColumn({ name: 'client_scope', type: 'varchar', length: '40', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('stored_responses', 'client_scope');
    await queryRunner.dropIndex('sessions', 'idx_sessions_scope_explicit_key');
    await queryRunner.dropColumn('sessions', 'resends_history');
    await queryRunner.dropColumn('sessions', 'opening_hash');
    await queryRunner.dropColumn('sessions', 'client_scope');
  }
}
