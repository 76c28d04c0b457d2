import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatTooltip } from '@angular/material/tooltip';

/** An icon button that copies `text` and says so. */
@Component({
  selector: 'qp-copy-button',
  imports: [MatIconButton, MatIcon, MatTooltip],
  template: `<button mat-icon-button type="button" (click)="copy()" [matTooltip]="copied() ? 'Copied' : label()" [attr.aria-label]="label()">
    <mat-icon>{{ copied() ? 'check' : 'content_copy' }}</mat-icon>
  </button>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CopyButton {
  private readonly clipboard = inject(Clipboard);
  readonly text = input.required<string>();
  readonly label = input('Copy');
  readonly copied = signal(false);

  copy(): void {
    this.copied.set(this.clipboard.copy(this.text()));
    setTimeout(() => this.copied.set(false), 1500);
  }
}
