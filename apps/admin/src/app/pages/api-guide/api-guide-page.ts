import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle, MatCardSubtitle } from '@angular/material/card';
import { MatTabsModule } from '@angular/material/tabs';
import { ApiAccessStore } from '../../core/access/api-access.store';
import { ControlApiService } from '../../core/api/control-api.service';
import { LiveStatusStore } from '../../core/live/live-status.store';
import { curlSnippet, javascriptSnippet, modelsSnippet, pythonSnippet } from '../../core/snippets/snippets';
import { CopyButton } from '../../shared/copy-button';

/** Base URLs with the real ports and copyable client snippets. */
@Component({
  selector: 'qp-api-guide-page',
  imports: [MatCard, MatCardHeader, MatCardTitle, MatCardSubtitle, MatCardContent, MatTabsModule, MatButtonToggleGroup, MatButtonToggle, CopyButton],
  templateUrl: './api-guide-page.html',
  styleUrl: './api-guide-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiGuidePage {
  protected readonly live = inject(LiveStatusStore);
  protected readonly access = inject(ApiAccessStore);
  protected readonly target = signal<'proxy' | 'router'>('proxy');
  protected readonly baseUrl = computed(() => {
    const listener = this.target() === 'router' ? this.live.router() : this.live.proxy();
    const fallbackPort = this.target() === 'router' ? 3001 : 3000;
    return listener ? listener.url : `http://127.0.0.1:${fallbackPort}`;
  });
  /** The account's default model (the first Qwen lists): names change, `qwen3-max` is gone by late 2026. */
  private readonly model = signal('qwen3.7-plus');
  protected readonly options = computed(() => ({ baseUrl: this.baseUrl(), model: this.model(), apiKey: this.access.snippetKey() }));
  protected readonly snippets = computed(() => [
    { label: 'curl', code: curlSnippet(this.options()) },
    { label: 'Python', code: pythonSnippet(this.options()) },
    { label: 'JavaScript', code: javascriptSnippet(this.options()) },
    { label: 'List models', code: modelsSnippet(this.options()) },
  ]);
  protected readonly controlUrl = computed(() => this.live.control()?.url ?? location.origin);

  constructor() {
    this.access.refresh();
    inject(ControlApiService)
      .models()
      .subscribe({ next: (models) => models[0] && this.model.set(models[0].id), error: () => undefined });
  }
}
