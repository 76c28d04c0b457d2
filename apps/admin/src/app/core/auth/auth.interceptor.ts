import type { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { AuthTokenService } from './auth-token.service';

/** Adds the admin token to same-origin `/api/*` calls only: never to other origins. */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const token = inject(AuthTokenService).token();
  if (!token || !request.url.startsWith('/api/') || request.headers.has('authorization')) return next(request);
  return next(request.clone({ setHeaders: { authorization: `Bearer ${token}` } }));
};
