import { inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { type Observable, map } from 'rxjs';
import { ConfirmDialog, type ConfirmData } from './confirm-dialog';

/** `const confirm = injectConfirm(); confirm({...}).subscribe(ok => …)` */
export function injectConfirm(): (data: ConfirmData) => Observable<boolean> {
  const dialog = inject(MatDialog);
  return (data) =>
    dialog
      .open<ConfirmDialog, ConfirmData, boolean>(ConfirmDialog, { data, width: '420px' })
      .afterClosed()
      .pipe(map((result) => result === true));
}
