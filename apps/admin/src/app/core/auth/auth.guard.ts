import { inject } from '@angular/core';
import type { CanActivateFn } from '@angular/router';
import { Router } from '@angular/router';
import { AuthTokenService } from './auth-token.service';

/** Pages behind the admin token send a visitor without one to the sign-in page. */
export const authGuard: CanActivateFn = (_route, state) => {
  if (inject(AuthTokenService).signedIn()) return true;
  return inject(Router).createUrlTree(['/sign-in'], { queryParams: state.url && state.url !== '/' ? { next: state.url } : {} });
};
