import type { ChartConfiguration } from 'chart.js';
import type { ChartData } from '../../core/usage/usage-series';

export interface ChartTheme {
  text: string;
  grid: string;
  palette: string[];
  error: string;
}

/**
 * Colours from the Material theme's CSS variables, so charts follow light and dark. The theme's
 * tokens are `light-dark(…)` values, which a canvas cannot parse (it then draws near-black on
 * dark): each is resolved through a probe element whose colour scheme is the one being drawn,
 * which also holds while the `dark` class on <html> is still being switched.
 */
export function readChartTheme(dark: boolean, element: Element = document.documentElement): ChartTheme {
  const resolve = (name: string, fallback: string): string => {
    const probe = element.ownerDocument.createElement('span');
    probe.style.colorScheme = dark ? 'dark' : 'light';
    probe.style.color = `var(${name}, ${fallback})`;
    probe.style.display = 'none';
    element.appendChild(probe);
    const value = getComputedStyle(probe).color;
    probe.remove();
    return value && !value.includes('light-dark') && !value.includes('var(') ? value : fallback;
  };
  return {
    text: resolve('--mat-sys-on-surface-variant', dark ? '#cac4d0' : '#49454f'),
    grid: dark ? 'rgba(255,255,255,0.12)' : 'rgba(0,0,0,0.07)',
    error: dark ? '#ffb4ab' : '#b3261e',
    palette: dark
      ? ['#cfbcff', '#7fd8e6', '#ffb870', '#8fdc9f', '#ff9fb6', '#b8c8ff', '#e6d27a', '#c7a3ff', '#9aa0a6']
      : ['#6750a4', '#00838f', '#e08600', '#2e7d32', '#c2185b', '#3f51b5', '#8d6e00', '#8e24aa', '#757575'],
  };
}

function scales(theme: ChartTheme, stacked: boolean) {
  return {
    x: { stacked, ticks: { color: theme.text, maxRotation: 0, autoSkip: true }, grid: { color: theme.grid } },
    y: { stacked, beginAtZero: true, ticks: { color: theme.text, precision: 0 }, grid: { color: theme.grid } },
  };
}

const common = (theme: ChartTheme) => ({
  responsive: true,
  maintainAspectRatio: false,
  animation: false as const,
  interaction: { mode: 'index' as const, intersect: false },
  plugins: { legend: { position: 'bottom' as const, labels: { color: theme.text, boxWidth: 12 } } },
});

export function stackedBars(data: ChartData, theme: ChartTheme): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: data.series.map((series, index) => ({ label: series.label, data: series.values, backgroundColor: theme.palette[index % theme.palette.length], borderRadius: 3 })),
    },
    options: { ...common(theme), scales: scales(theme, true) },
  };
}

export function requestsLine(data: ChartData, theme: ChartTheme): ChartConfiguration {
  const colors = [theme.palette[0], theme.error];
  return {
    type: 'line',
    data: {
      labels: data.labels,
      datasets: data.series.map((series, index) => ({
        label: series.label,
        data: series.values,
        borderColor: colors[index],
        backgroundColor: colors[index] + '33',
        fill: index === 0,
        tension: 0.3,
        pointRadius: 2,
      })),
    },
    options: { ...common(theme), scales: scales(theme, false) },
  };
}

export function latencyBars(latency: { p50: number | null; p95: number | null; p99: number | null; timeToFirstTokenP50: number | null; timeToFirstTokenP95: number | null; timeToFirstTokenP99?: number | null }, theme: ChartTheme): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels: ['p50', 'p95', 'p99'],
      datasets: [
        { label: 'Duration (ms)', data: [latency.p50 ?? 0, latency.p95 ?? 0, latency.p99 ?? 0], backgroundColor: theme.palette[0], borderRadius: 4 },
        { label: 'Time to first token (ms)', data: [latency.timeToFirstTokenP50 ?? 0, latency.timeToFirstTokenP95 ?? 0, latency.timeToFirstTokenP99 ?? 0], backgroundColor: theme.palette[1], borderRadius: 4 },
      ],
    },
    options: { ...common(theme), scales: scales(theme, false) },
  };
}
