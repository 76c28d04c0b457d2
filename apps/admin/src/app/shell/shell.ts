import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatListItem, MatListItemIcon, MatListItemTitle, MatNavList } from '@angular/material/list';
import { MatSidenav, MatSidenavContainer, MatSidenavContent } from '@angular/material/sidenav';
import { MatToolbar } from '@angular/material/toolbar';
import { MatTooltip } from '@angular/material/tooltip';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { AuthTokenService } from '../core/auth/auth-token.service';
import { EventStreamService } from '../core/events/event-stream.service';
import { LiveStatusStore } from '../core/live/live-status.store';
import { ThemeService } from '../core/theme/theme.service';

interface NavItem {
  path: string;
  label: string;
  icon: string;
  exact?: boolean;
}

/** The frame around every signed-in page: navigation, live proxy state, theme, sign out. */
@Component({
  selector: 'qp-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatSidenavContainer,
    MatSidenav,
    MatSidenavContent,
    MatToolbar,
    MatNavList,
    MatListItem,
    MatListItemIcon,
    MatListItemTitle,
    MatIcon,
    MatIconButton,
    MatTooltip,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly auth = inject(AuthTokenService);
  private readonly router = inject(Router);
  protected readonly theme = inject(ThemeService);
  protected readonly live = inject(LiveStatusStore);
  protected readonly stream = inject(EventStreamService);
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 900px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly streamLabel = computed(() =>
    this.stream.state() === 'open' ? 'Live updates on' : this.stream.state() === 'reconnecting' ? 'Reconnecting to live updates…' : 'Connecting…',
  );

  protected readonly nav: NavItem[] = [
    { path: '/', label: 'Home', icon: 'home', exact: true },
    { path: '/accounts', label: 'Accounts', icon: 'account_circle' },
    { path: '/providers', label: 'Providers', icon: 'hub' },
    { path: '/models', label: 'Models', icon: 'neurology' },
    { path: '/sessions', label: 'Sessions', icon: 'forum' },
    { path: '/requests', label: 'Requests', icon: 'receipt_long' },
    { path: '/usage', label: 'Usage', icon: 'monitoring' },
    { path: '/playground', label: 'Playground', icon: 'chat' },
    { path: '/api-guide', label: 'API guide', icon: 'code' },
    { path: '/settings', label: 'Settings', icon: 'settings' },
  ];

  constructor() {
    this.live.start();
  }

  protected toggleTheme(): void {
    this.theme.set(this.theme.isDark() ? 'light' : 'dark');
  }

  protected signOut(): void {
    this.stream.disconnect();
    this.auth.clear();
    void this.router.navigate(['/sign-in']);
  }
}
