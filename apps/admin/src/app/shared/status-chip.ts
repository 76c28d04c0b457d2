import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { StatusLabel } from '../core/format/status';

@Component({
  selector: 'qp-status-chip',
  template: `<span class="chip" [class]="'chip ' + status().tone"><span class="material-symbols-outlined" aria-hidden="true">{{ status().icon }}</span>{{ status().label }}</span>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusChip {
  readonly status = input.required<StatusLabel>();
}
