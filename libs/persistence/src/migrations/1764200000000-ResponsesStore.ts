import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** Responses API answers kept for `previous_response_id`. */
export class ResponsesStore1764200000000 implements MigrationInterface {
  name = 'ResponsesStore1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'stored_responses',
        columns: [
          { name: 'id', type: 'varchar', length: '100', isPrimary: true },
          { name: 'request_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'model', type: 'varchar', length: '200' },
          { name: 'conversation', type: 'text' },
          { name: 'response', type: 'text' },
          { name: 'created_at', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'idx_stored_responses_created_at', columnNames: ['created_at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('stored_responses');
  }
}
