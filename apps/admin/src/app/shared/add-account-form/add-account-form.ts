import { ChangeDetectionStrategy, Component, computed, inject, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, type FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormField, MatHint, MatLabel, MatError } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import type { Credential } from '../../core/api/api-types';
import { ControlApiService } from '../../core/api/control-api.service';
import { NotifierService } from '../../core/errors/notifier.service';
import { buildCredentialInput, missingAntiBotCookies } from './credential-input';

/** Add a Qwen account by pasting the cookie string of chat.qwen.ai. */
@Component({
  selector: 'qp-add-account-form',
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatHint, MatError, MatInput, MatIcon, MatButton, MatExpansionModule],
  templateUrl: './add-account-form.html',
  styleUrl: './add-account-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddAccountForm {
  private readonly api = inject(ControlApiService);
  private readonly notifier = inject(NotifierService);
  readonly added = output<Credential>();
  protected readonly saving = signal(false);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    cookies: ['', [Validators.required, Validators.minLength(10)]],
    label: [''],
    token: [''],
    maxConcurrency: [''],
    proxyUrl: ['', Validators.pattern(/^(https?|socks5?):\/\/\S+$/)],
  });

  private readonly pasted = toSignal(this.form.controls.cookies.valueChanges, { initialValue: '' });
  /** Warned while pasting: a token-only jar passes every check but Qwen refuses its chats. */
  protected readonly missingCookies = computed(() => missingAntiBotCookies(this.pasted()));

  submit(formDirective: FormGroupDirective): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.api.addCredential(buildCredentialInput(this.form.getRawValue())).subscribe({
      next: (credential) => {
        this.saving.set(false);
        // resetForm, not form.reset(): it also forgets "submitted", which otherwise shows the
        // emptied required field in red right after a success.
        formDirective.resetForm();
        const name = credential.label ?? credential.accountId ?? '';
        if (credential.missingCookies?.length) {
          this.notifier.error(
            `Account ${name} added, but its cookies lack ${credential.missingCookies.join(', ')}.`,
            'Qwen answers some or all chats from such an account with Bad_Request. Copy the whole Cookie header of chat.qwen.ai and add it again.',
          );
        } else {
          this.notifier.success(`Account ${name} added: ${credential.status}.`);
        }
        this.added.emit(credential);
      },
      error: () => this.saving.set(false),
    });
  }
}
