import { ChangeDetectionStrategy, Component, ElementRef, afterRenderEffect, computed, input, viewChild, type OnDestroy } from '@angular/core';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Filler,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip, Filler);

/** A chart.js canvas that follows its configuration signal (and redraws on a theme change). */
@Component({
  selector: 'qp-chart',
  template: `<div class="box"><canvas #canvas role="img" [attr.aria-label]="label()"></canvas></div>`,
  styles: `
    :host { display: block; }
    .box { position: relative; height: 280px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The text colour drawn on the canvas, readable from outside (a canvas hides it from the DOM).
  host: { '[attr.data-text-color]': 'textColor()' },
})
export class ChartView implements OnDestroy {
  readonly config = input.required<ChartConfiguration>();
  readonly label = input('Chart');
  protected readonly textColor = computed(() => {
    const labels = this.config().options?.plugins?.legend?.labels as { color?: unknown } | undefined;
    return typeof labels?.color === 'string' ? labels.color : null;
  });
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart?: Chart;

  constructor() {
    afterRenderEffect(() => {
      const config = this.config();
      this.chart?.destroy();
      this.chart = new Chart(this.canvas().nativeElement, config);
    });
  }

  ngOnDestroy(): void {
    this.chart?.destroy();
  }
}
