import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** Which tokenizer counted an estimated usage (`qwen3`, `o200k`), shown beside the estimate (issue 20). */
export class UsageTokenizer1764600000000 implements MigrationInterface {
  name = 'UsageTokenizer1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('responses', new TableColumn({ name: 'usage_tokenizer', type: 'varchar', length: '40', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('responses', 'usage_tokenizer');
  }
}
