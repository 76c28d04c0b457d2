import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatSelect, MatOption } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { RouterLink } from '@angular/router';
import type { ModelEntry } from '../../core/api/api-types';
import { ControlApiService } from '../../core/api/control-api.service';
import type { AssistantTurn } from '../../core/chat/chat-accumulator';
import { PlaygroundClientService, PlaygroundError, type PlaygroundMessage } from '../../core/chat/playground-client.service';
import { ApiAccessStore } from '../../core/access/api-access.store';
import { LiveStatusStore } from '../../core/live/live-status.store';
import { EmptyState } from '../../shared/empty-state';
import { exampleTools, parseTools } from './playground-tools';

interface Exchange {
  user: string;
  assistant: AssistantTurn | null;
  streaming: boolean;
  error: string | null;
  requestId: string | null;
  provider: string | null;
  startedAt: number;
  firstTokenMs: number | null;
  durationMs: number | null;
}

const keyStorage = 'qwen-proxy.playground-key';

/** Chat with any model through the real proxy or router port, streaming. */
@Component({
  selector: 'qp-playground-page',
  imports: [FormsModule, MatFormField, MatLabel, MatHint, MatInput, MatSelect, MatOption, MatSlideToggle, MatButton, MatIcon, MatExpansionModule, RouterLink, EmptyState],
  templateUrl: './playground-page.html',
  styleUrl: './playground-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlaygroundPage {
  private readonly api = inject(ControlApiService);
  private readonly client = inject(PlaygroundClientService);
  protected readonly live = inject(LiveStatusStore);
  protected readonly access = inject(ApiAccessStore);
  private readonly transcript = viewChild<ElementRef<HTMLElement>>('transcript');

  protected readonly models = signal<ModelEntry[]>([]);
  /** Replaced by the first model Qwen lists once the list arrives (names change over time). */
  protected model = 'qwen3.7-plus';
  protected target: 'proxy' | 'router' = 'proxy';
  protected stream = true;
  protected reasoning = false;
  protected useTools = false;
  protected toolsJson = JSON.stringify(exampleTools, null, 2);
  protected system = '';
  protected apiKey = readKey();
  protected draft = '';
  protected readonly exchanges = signal<Exchange[]>([]);
  protected readonly sending = computed(() => this.exchanges().some((exchange) => exchange.streaming));
  protected readonly baseUrl = computed(() => {
    const listener = this.target === 'router' ? this.live.router() : this.live.proxy();
    return listener?.running ? listener.url : null;
  });
  private controller?: AbortController;

  constructor() {
    this.access.refresh();
    this.api.models().subscribe({
      next: (models) => {
        this.models.set(models);
        if (models.length && !models.some((entry) => entry.id === this.model)) this.model = models[0].id;
      },
      error: () => undefined,
    });
  }

  protected targetUrl(): string | null {
    const listener = this.target === 'router' ? this.live.router() : this.live.proxy();
    return listener?.running ? listener.url : null;
  }

  protected async send(): Promise<void> {
    const text = this.draft.trim();
    const baseUrl = this.targetUrl();
    if (!text || this.sending() || !baseUrl) return;
    let tools: unknown[] | undefined;
    try {
      tools = this.useTools ? parseTools(this.toolsJson) : undefined;
    } catch (error) {
      this.exchanges.update((list) => [...list, this.failed(text, error instanceof Error ? error.message : 'The tools are not valid JSON.')]);
      return;
    }
    try {
      sessionStorage.setItem(keyStorage, this.apiKey);
    } catch {
      // Not remembered.
    }
    const history: PlaygroundMessage[] = [];
    if (this.system.trim()) history.push({ role: 'system', content: this.system.trim() });
    for (const exchange of this.exchanges()) {
      if (exchange.error || !exchange.assistant) continue;
      history.push({ role: 'user', content: exchange.user }, { role: 'assistant', content: exchange.assistant.content });
    }
    history.push({ role: 'user', content: text });
    this.draft = '';
    const startedAt = performance.now();
    const index = this.exchanges().length;
    this.exchanges.update((list) => [
      ...list,
      { user: text, assistant: null, streaming: true, error: null, requestId: null, provider: null, startedAt: Date.now(), firstTokenMs: null, durationMs: null },
    ]);
    this.scrollDown();
    this.controller = new AbortController();
    const patch = (change: Partial<Exchange>) => this.exchanges.update((list) => list.map((exchange, position) => (position === index ? { ...exchange, ...change } : exchange)));
    try {
      const result = await this.client.send(
        { baseUrl, apiKey: this.apiKey, model: this.model, messages: history, stream: this.stream, reasoning: this.reasoning, tools },
        (turn) => {
          const current = this.exchanges()[index];
          patch({ assistant: turn, firstTokenMs: current?.firstTokenMs ?? Math.round(performance.now() - startedAt) });
          this.scrollDown();
        },
        this.controller.signal,
      );
      patch({ assistant: result.turn, streaming: false, requestId: result.requestId, provider: result.provider, durationMs: Math.round(performance.now() - startedAt), error: result.turn.error });
    } catch (error) {
      const aborted = error instanceof DOMException && error.name === 'AbortError';
      patch({
        streaming: false,
        durationMs: Math.round(performance.now() - startedAt),
        error: aborted ? 'Stopped.' : error instanceof PlaygroundError ? error.message : `The ${this.target} did not answer: ${(error as Error).message}.`,
        requestId: error instanceof PlaygroundError ? error.requestId : null,
      });
    }
    this.scrollDown();
  }

  protected stop(): void {
    this.controller?.abort();
  }

  protected clear(): void {
    this.stop();
    this.exchanges.set([]);
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void this.send();
    }
  }

  private failed(user: string, error: string): Exchange {
    return { user, assistant: null, streaming: false, error, requestId: null, provider: null, startedAt: Date.now(), firstTokenMs: null, durationMs: null };
  }

  private scrollDown(): void {
    queueMicrotask(() => {
      const element = this.transcript()?.nativeElement;
      if (element) element.scrollTop = element.scrollHeight;
    });
  }
}

function readKey(): string {
  try {
    return sessionStorage.getItem(keyStorage) ?? '';
  } catch {
    return '';
  }
}
