import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatProgressBar } from '@angular/material/progress-bar';
import { debounceTime, filter } from 'rxjs';
import type { UsageReport } from '../../core/api/api-types';
import { ControlApiService } from '../../core/api/control-api.service';
import { EventStreamService } from '../../core/events/event-stream.service';
import { formatCompact, formatMs, formatNumber } from '../../core/format/format';
import { ThemeService } from '../../core/theme/theme.service';
import { type RangePreset, presetRange, requestsAndErrors, seriesBy } from '../../core/usage/usage-series';
import { ChartView } from '../../shared/chart';
import { EmptyState } from '../../shared/empty-state';
import { latencyBars, readChartTheme, requestsLine, stackedBars } from './usage-charts';

/** Tokens per day by model and provider, requests and errors, latency percentiles. */
@Component({
  selector: 'qp-usage-page',
  imports: [MatButtonToggleGroup, MatButtonToggle, MatCard, MatCardHeader, MatCardTitle, MatCardContent, MatProgressBar, ChartView, EmptyState],
  templateUrl: './usage-page.html',
  styleUrl: './usage-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsagePage {
  private readonly api = inject(ControlApiService);
  private readonly theme = inject(ThemeService);
  protected readonly preset = signal<RangePreset>('7d');
  protected readonly report = signal<UsageReport | null>(null);
  protected readonly range = signal(presetRange('7d', Date.now()));
  protected readonly loading = signal(false);

  private readonly chartTheme = computed(() => readChartTheme(this.theme.isDark()));
  protected readonly byModel = computed(() => {
    const report = this.report();
    if (!report) return null;
    const { from, to, bucket } = this.range();
    return stackedBars(seriesBy(withTokens(report.buckets), from, to, bucket, (item) => item.model, (item) => item.totalTokens), this.chartTheme());
  });
  protected readonly byProvider = computed(() => {
    const report = this.report();
    if (!report) return null;
    const { from, to, bucket } = this.range();
    return stackedBars(seriesBy(withTokens(report.buckets), from, to, bucket, (item) => item.providerName ?? item.provider ?? 'unknown', (item) => item.totalTokens), this.chartTheme());
  });
  protected readonly requests = computed(() => {
    const report = this.report();
    if (!report) return null;
    const { from, to, bucket } = this.range();
    return requestsLine(requestsAndErrors(report.buckets, from, to, bucket), this.chartTheme());
  });
  protected readonly latency = computed(() => {
    const report = this.report();
    return report ? latencyBars(report.latency, this.chartTheme()) : null;
  });

  protected readonly formatNumber = formatNumber;
  protected readonly formatCompact = formatCompact;
  protected readonly formatMs = formatMs;

  constructor() {
    this.load();
    inject(EventStreamService)
      .events$.pipe(
        filter((event) => event.type === 'request-completed'),
        debounceTime(1500),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.load(true));
  }

  protected choose(preset: RangePreset): void {
    this.preset.set(preset);
    this.load();
  }

  protected load(quiet = false): void {
    const range = presetRange(this.preset(), Date.now());
    if (!quiet) this.loading.set(true);
    this.api.usage(range.from, range.to + 60_000, range.bucket).subscribe({
      next: (report) => {
        this.range.set(range);
        this.report.set(report);
        this.loading.set(false);
      },
      error: () => this.loading.set(false),
    });
  }
}

/** Token charts leave out what used no tokens (a refused unknown model is no series of 0). */
export function withTokens<T extends { totalTokens: number }>(buckets: readonly T[]): T[] {
  return buckets.filter((item) => item.totalTokens > 0);
}
