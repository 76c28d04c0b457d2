import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonColumn, millisecondsColumn } from '../internal/column-types';

/** A runtime setting changed from the console; the value is JSON. */
@Entity({ name: 'settings' })
export class SettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key: string;

  @Column({ ...jsonColumn({ nullable: false }) })
  value: unknown;

  @Column({ name: 'updated_at', ...millisecondsColumn() })
  updatedAt: number;
}
