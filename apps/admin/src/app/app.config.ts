import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { type ApplicationConfig, inject, provideAppInitializer, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { routes } from './app.routes';
import { AuthTokenService } from './core/auth/auth-token.service';
import { authInterceptor } from './core/auth/auth.interceptor';
import { DesktopBridgeService } from './core/desktop/desktop-bridge.service';
import { errorInterceptor } from './core/errors/error.interceptor';
import { ThemeService } from './core/theme/theme.service';

/** Takes the admin token from `?token=` once, or from the desktop app, before routing starts. */
async function adoptToken(): Promise<void> {
  const auth = inject(AuthTokenService);
  const desktop = inject(DesktopBridgeService);
  inject(ThemeService);
  if (auth.adoptFromUrl()) return;
  if (!auth.signedIn() && desktop.available) {
    const token = await desktop.adminToken().catch(() => null);
    if (token) auth.set(token);
  }
}

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    // Order matters: the token is added first, then failures are explained once.
    provideHttpClient(withFetch(), withInterceptors([authInterceptor, errorInterceptor])),
    provideAppInitializer(adoptToken),
    { provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { appearance: 'outline', subscriptSizing: 'dynamic' } },
  ],
};
