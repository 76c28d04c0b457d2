import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * What an upstream sent that the parser did not know (a frame, a phase, an error code), kept with
 * the request for the console: at most five samples of at most 2 KB each, redacted.
 */
export class UpstreamUnknownShapes1764530000000 implements MigrationInterface {
  name = 'UpstreamUnknownShapes1764530000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('requests', new TableColumn({ name: 'upstream_unknown_shapes', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('requests', 'upstream_unknown_shapes');
  }
}
