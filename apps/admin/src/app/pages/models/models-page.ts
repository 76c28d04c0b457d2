import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle, MatCardSubtitle } from '@angular/material/card';
import { MatFormField, MatLabel, MatPrefix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSortModule, type Sort } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltip } from '@angular/material/tooltip';
import type { ModelEntry } from '../../core/api/api-types';
import { ControlApiService } from '../../core/api/control-api.service';
import { NotifierService } from '../../core/errors/notifier.service';
import { formatCompact } from '../../core/format/format';
import { EmptyState } from '../../shared/empty-state';
import { type ModelSortKey, capabilityNames, filterAndSortModels } from './model-table';

/** Every routable model with capabilities, context length and provider; model aliases. */
@Component({
  selector: 'qp-models-page',
  imports: [FormsModule, MatTableModule, MatSortModule, MatFormField, MatLabel, MatPrefix, MatInput, MatIcon, MatButton, MatIconButton, MatTooltip, MatProgressBar, MatCard, MatCardHeader, MatCardTitle, MatCardSubtitle, MatCardContent, EmptyState],
  templateUrl: './models-page.html',
  styleUrl: './models-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModelsPage {
  private readonly api = inject(ControlApiService);
  private readonly notifier = inject(NotifierService);
  protected readonly models = signal<ModelEntry[] | null>(null);
  protected readonly search = signal('');
  protected readonly sort = signal<Sort>({ active: 'id', direction: 'asc' });
  protected readonly aliases = signal<[string, string][]>([]);
  protected newAlias = '';
  protected newTarget = '';
  protected readonly columns = ['id', 'provider', 'capabilities', 'contextLength'];
  protected readonly rows = computed(() => filterAndSortModels(this.models() ?? [], this.search(), this.sort().active as ModelSortKey, this.sort().direction));
  protected readonly capabilityNames = capabilityNames;
  protected readonly formatCompact = formatCompact;

  constructor() {
    this.api.models().subscribe({ next: (models) => this.models.set(models), error: () => this.models.set([]) });
    this.loadAliases();
  }

  private loadAliases(): void {
    this.api.settings().subscribe({ next: (settings) => this.aliases.set(Object.entries(settings.modelAliases ?? {})), error: () => undefined });
  }

  protected addAlias(): void {
    const alias = this.newAlias.trim();
    const target = this.newTarget.trim();
    if (!alias || !target) return;
    this.saveAliases([...this.aliases().filter(([name]) => name !== alias), [alias, target]]);
    this.newAlias = '';
    this.newTarget = '';
  }

  protected removeAlias(alias: string): void {
    this.saveAliases(this.aliases().filter(([name]) => name !== alias));
  }

  private saveAliases(entries: [string, string][]): void {
    this.api.updateSettings({ modelAliases: Object.fromEntries(entries) }).subscribe((settings) => {
      this.aliases.set(Object.entries(settings.modelAliases ?? {}));
      this.notifier.success('Aliases saved.');
      this.api.models().subscribe({ next: (models) => this.models.set(models), error: () => undefined });
    });
  }
}
