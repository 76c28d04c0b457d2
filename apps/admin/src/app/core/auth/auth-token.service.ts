import { Injectable, computed, signal } from '@angular/core';

const storageKey = 'qwen-proxy.admin-token';

/**
 * The admin token, kept for this tab's session only (sessionStorage). It arrives once in the
 * URL (`?token=`, printed at start), by paste on the sign-in page, or from the desktop app.
 */
@Injectable({ providedIn: 'root' })
export class AuthTokenService {
  private readonly tokenSignal = signal<string | null>(readStored());
  readonly token = this.tokenSignal.asReadonly();
  readonly signedIn = computed(() => !!this.tokenSignal());

  set(token: string): void {
    const trimmed = token.trim();
    this.tokenSignal.set(trimmed || null);
    try {
      if (trimmed) sessionStorage.setItem(storageKey, trimmed);
      else sessionStorage.removeItem(storageKey);
    } catch {
      // Storage may be disabled: the token then lives in memory for this page.
    }
  }

  clear(): void {
    this.set('');
  }

  /**
   * Takes `token` from the address bar once, keeps it, and removes it from the URL (and so from
   * the history) without reloading.
   */
  adoptFromUrl(location: Location = window.location, history: History = window.history): boolean {
    const url = new URL(location.href);
    const token = url.searchParams.get('token');
    if (!token) return false;
    this.set(token);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return true;
  }
}

function readStored(): string | null {
  try {
    return sessionStorage.getItem(storageKey);
  } catch {
    return null;
  }
}
