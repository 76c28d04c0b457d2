import type { Routes } from '@angular/router';
import { authGuard } from './core/auth/auth.guard';

export const routes: Routes = [
  { path: 'sign-in', title: 'Sign in · Qwen Proxy', loadComponent: () => import('./pages/sign-in/sign-in-page').then((m) => m.SignInPage) },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', title: 'Home · Qwen Proxy', loadComponent: () => import('./pages/home/home-page').then((m) => m.HomePage) },
      { path: 'accounts', title: 'Accounts · Qwen Proxy', loadComponent: () => import('./pages/accounts/accounts-page').then((m) => m.AccountsPage) },
      { path: 'providers', title: 'Providers · Qwen Proxy', loadComponent: () => import('./pages/providers/providers-page').then((m) => m.ProvidersPage) },
      { path: 'models', title: 'Models · Qwen Proxy', loadComponent: () => import('./pages/models/models-page').then((m) => m.ModelsPage) },
      { path: 'sessions', title: 'Sessions · Qwen Proxy', loadComponent: () => import('./pages/sessions/sessions-page').then((m) => m.SessionsPage) },
      { path: 'sessions/:id', title: 'Session · Qwen Proxy', loadComponent: () => import('./pages/session-detail/session-detail-page').then((m) => m.SessionDetailPage) },
      { path: 'requests', title: 'Requests · Qwen Proxy', loadComponent: () => import('./pages/requests/requests-page').then((m) => m.RequestsPage) },
      { path: 'requests/:id', title: 'Request · Qwen Proxy', loadComponent: () => import('./pages/request-detail/request-detail-page').then((m) => m.RequestDetailPage) },
      { path: 'usage', title: 'Usage · Qwen Proxy', loadComponent: () => import('./pages/usage/usage-page').then((m) => m.UsagePage) },
      { path: 'playground', title: 'Playground · Qwen Proxy', loadComponent: () => import('./pages/playground/playground-page').then((m) => m.PlaygroundPage) },
      { path: 'api-guide', title: 'API guide · Qwen Proxy', loadComponent: () => import('./pages/api-guide/api-guide-page').then((m) => m.ApiGuidePage) },
      { path: 'settings', title: 'Settings · Qwen Proxy', loadComponent: () => import('./pages/settings/settings-page').then((m) => m.SettingsPage) },
    ],
  },
  { path: '**', redirectTo: '' },
];
