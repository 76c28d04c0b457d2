import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * When the pasted bx-ua / bx-umidtoken were captured: they age out (bx-ua within 15–30 min,
 * umidtoken within hours, audit D2), and a stale one is worse than none.
 */
export class CapturedHeaderAge1764513000000 implements MigrationInterface {
  name = 'CapturedHeaderAge1764513000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('qwen_credentials', new TableColumn({ name: 'bx_captured_at', type: 'bigint', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('qwen_credentials', 'bx_captured_at');
  }
}
