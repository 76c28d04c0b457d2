import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** The router's attempt log, and per-account concurrency and outbound proxy. */
export class RouterAndAccountPool1764100000000 implements MigrationInterface {
  name = 'RouterAndAccountPool1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('responses', new TableColumn({ name: 'attempts', type: 'text', isNullable: true }));
    await queryRunner.addColumn('qwen_credentials', new TableColumn({ name: 'max_concurrency', type: 'integer', isNullable: true }));
    await queryRunner.addColumn('qwen_credentials', new TableColumn({ name: 'proxy_url_encrypted', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('qwen_credentials', 'proxy_url_encrypted');
    await queryRunner.dropColumn('qwen_credentials', 'max_concurrency');
    await queryRunner.dropColumn('responses', 'attempts');
  }
}
