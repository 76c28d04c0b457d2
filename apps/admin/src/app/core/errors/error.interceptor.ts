import { HttpContextToken, HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AuthTokenService } from '../auth/auth-token.service';
import { explainHttpError } from './error-message';
import { NotifierService } from './notifier.service';

/** Set on a request whose failure the caller shows itself (e.g. a 404 that means "not available"). */
export const SILENT_ERRORS = new HttpContextToken<boolean>(() => false);

/** The one place failures of `/api/*` calls become a snack bar saying what to do. */
export const errorInterceptor: HttpInterceptorFn = (request, next) => {
  const notifier = inject(NotifierService);
  const auth = inject(AuthTokenService);
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && !request.context.get(SILENT_ERRORS)) {
        const explained = explainHttpError(error);
        notifier.error(explained.message, explained.hint);
        if (explained.signOut) {
          auth.clear();
          router.navigate(['/sign-in']).catch(() => undefined);
        }
      }
      return throwError(() => error);
    }),
  );
};
