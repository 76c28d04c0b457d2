import { HttpClient, HttpContext } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent } from '@angular/material/card';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { AuthTokenService } from '../../core/auth/auth-token.service';
import { SILENT_ERRORS } from '../../core/errors/error.interceptor';

/** Sign in with the admin token printed at start (or pasted); kept for this tab only. */
@Component({
  selector: 'qp-sign-in-page',
  imports: [FormsModule, MatCard, MatCardContent, MatFormField, MatLabel, MatHint, MatInput, MatButton, MatProgressBar],
  templateUrl: './sign-in-page.html',
  styleUrl: './sign-in-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage {
  private readonly auth = inject(AuthTokenService);
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  readonly next = input<string>();
  protected token = '';
  protected readonly checking = signal(false);
  protected readonly error = signal<string | null>(null);

  async signIn(): Promise<void> {
    const token = this.token.trim();
    if (!token) {
      this.error.set('Paste the admin token.');
      return;
    }
    this.checking.set(true);
    this.error.set(null);
    try {
      await firstValueFrom(
        this.http.get('/api/settings', { headers: { authorization: `Bearer ${token}` }, context: new HttpContext().set(SILENT_ERRORS, true) }),
      );
      this.auth.set(token);
      await this.router.navigateByUrl(this.next() && this.next()!.startsWith('/') ? this.next()! : '/');
    } catch (error) {
      const status = (error as { status?: number }).status;
      this.error.set(
        status === 401 ? 'This token was refused. Use the one printed at start, or in DATA_DIR/admin-token.' : 'The control plane did not answer. Is Qwen Proxy running?',
      );
    } finally {
      this.checking.set(false);
    }
  }
}
