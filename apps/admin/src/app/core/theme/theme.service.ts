import { DOCUMENT } from '@angular/common';
import { Injectable, effect, inject, signal } from '@angular/core';

export type ThemeChoice = 'light' | 'dark' | 'system';
const storageKey = 'qwen-proxy.theme';

/** Light, dark or the system's choice; remembered in localStorage (not a secret). */
@Injectable({ providedIn: 'root' })
export class ThemeService {
  private readonly document = inject(DOCUMENT);
  readonly choice = signal<ThemeChoice>(readChoice());
  private readonly media = this.document.defaultView?.matchMedia?.('(prefers-color-scheme: dark)');
  readonly systemDark = signal(this.media?.matches ?? false);

  constructor() {
    this.media?.addEventListener?.('change', (event) => this.systemDark.set(event.matches));
    effect(() => {
      const dark = this.choice() === 'dark' || (this.choice() === 'system' && this.systemDark());
      this.document.documentElement.classList.toggle('dark', dark);
    });
  }

  isDark(): boolean {
    return this.choice() === 'dark' || (this.choice() === 'system' && this.systemDark());
  }

  set(choice: ThemeChoice): void {
    this.choice.set(choice);
    try {
      localStorage.setItem(storageKey, choice);
    } catch {
      // Not remembered: fine.
    }
  }
}

function readChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(storageKey);
    return stored === 'light' || stored === 'dark' || stored === 'system' ? stored : 'system';
  } catch {
    return 'system';
  }
}
