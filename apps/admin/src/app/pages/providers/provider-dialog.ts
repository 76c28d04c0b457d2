import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { type AbstractControl, FormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogActions, MatDialogContent, MatDialogRef, MatDialogTitle } from '@angular/material/dialog';
import { MatFormField, MatError, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import type { Provider } from '../../core/api/api-types';
import { ControlApiService } from '../../core/api/control-api.service';
import { parseHeaders, toProviderForm, toProviderInput } from './provider-form';

function headersValidator(control: AbstractControl): ValidationErrors | null {
  try {
    parseHeaders(String(control.value ?? ''));
    return null;
  } catch (error) {
    return { headers: (error as Error).message };
  }
}

/** Create or edit a provider. */
@Component({
  selector: 'qp-provider-dialog',
  imports: [ReactiveFormsModule, MatDialogTitle, MatDialogContent, MatDialogActions, MatFormField, MatLabel, MatHint, MatError, MatInput, MatSlideToggle, MatButton],
  templateUrl: './provider-dialog.html',
  styles: `
    form { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 16px; padding-top: 8px; }
    .wide { grid-column: 1 / -1; }
    @media (max-width: 600px) { form { grid-template-columns: 1fr; } }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProviderDialog {
  private readonly api = inject(ControlApiService);
  private readonly dialogRef = inject(MatDialogRef<ProviderDialog, Provider>);
  protected readonly editing = inject<Provider | null>(MAT_DIALOG_DATA);
  protected readonly saving = signal(false);
  private readonly initial = toProviderForm(this.editing);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: [this.initial.name, [Validators.required, Validators.maxLength(100)]],
    baseUrl: [this.initial.baseUrl, this.editing?.builtIn ? [] : [Validators.required, Validators.pattern(/^https?:\/\/[^\s/]+(\/\S*)?$/)]],
    apiKey: [this.initial.apiKey],
    models: [this.initial.models],
    modelPatterns: [this.initial.modelPatterns],
    headers: [this.initial.headers, headersValidator],
    priority: [this.initial.priority, [Validators.required, Validators.min(0), Validators.max(10_000)]],
    weight: [this.initial.weight, [Validators.required, Validators.min(0), Validators.max(1000)]],
    enabled: [this.initial.enabled],
    connectMs: [this.initial.connectMs as number | null, [Validators.min(1)]],
    firstByteMs: [this.initial.firstByteMs as number | null, [Validators.min(1)]],
    totalMs: [this.initial.totalMs as number | null, [Validators.min(1)]],
  });

  save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    const body = toProviderInput(this.form.getRawValue(), this.editing);
    const request = this.editing ? this.api.updateProvider(this.editing.id, body) : this.api.createProvider(body);
    request.subscribe({ next: (provider) => this.dialogRef.close(provider), error: () => this.saving.set(false) });
  }

  cancel(): void {
    this.dialogRef.close();
  }
}
