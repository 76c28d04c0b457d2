import { ChangeDetectionStrategy, Component, input } from '@angular/core';

@Component({
  selector: 'qp-empty-state',
  template: `<div class="empty" role="status">
    <span class="material-symbols-outlined icon" aria-hidden="true">{{ icon() }}</span>
    <div class="title">{{ title() }}</div>
    @if (message()) {
      <p class="muted">{{ message() }}</p>
    }
    <ng-content />
  </div>`,
  styles: `
    .empty { display: flex; flex-direction: column; align-items: center; text-align: center; padding: 40px 16px; gap: 6px; }
    .icon { font-size: 40px; color: var(--mat-sys-outline); }
    .title { font: var(--mat-sys-title-medium); }
    p { margin: 0; max-width: 520px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmptyState {
  readonly icon = input('inbox');
  readonly title = input.required<string>();
  readonly message = input<string>();
}
