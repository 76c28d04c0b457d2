import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';

/** One place that talks to the snack bar, so messages look and last the same everywhere. */
@Injectable({ providedIn: 'root' })
export class NotifierService {
  private readonly snackBar = inject(MatSnackBar);

  success(message: string): void {
    this.snackBar.open(message, 'OK', { duration: 3000 });
  }

  error(message: string, hint?: string): void {
    this.snackBar.open(hint ? `${message} ${hint}` : message, 'Dismiss', { duration: 8000, panelClass: 'snack-error' });
  }
}
