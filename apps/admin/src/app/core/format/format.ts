/** Display helpers: pure, locale-neutral enough for tests. */

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat('en-US').format(value);
}

/** 1234 → "1.2k", 2_500_000 → "2.5M". */
export function formatCompact(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (Math.abs(value) < 1000) return String(Math.round(value));
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** Milliseconds as "850 ms", "2.4 s", "1 min 5 s". */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return formatSeconds(Math.round(ms / 1000));
}

/** Seconds as "45 s", "3 min 5 s", "2 h 4 min", "3 d 2 h". */
export function formatSeconds(totalSeconds: number | null | undefined): string {
  if (totalSeconds === null || totalSeconds === undefined || Number.isNaN(totalSeconds)) return '—';
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${rest} s`;
  return `${rest} s`;
}

/** "in 3 h 2 min" / "5 min ago" relative to now. */
export function formatRelative(at: number | null | undefined, now: number): string {
  if (at === null || at === undefined) return '—';
  const delta = Math.round((at - now) / 1000);
  if (Math.abs(delta) < 5) return 'just now';
  return delta > 0 ? `in ${formatSeconds(delta)}` : `${formatSeconds(-delta)} ago`;
}

/** A countdown to an expiry: "expires in 2 d 3 h", or "expired 5 min ago". */
export function formatExpiry(expiresAt: number | null | undefined, now: number): string {
  if (expiresAt === null || expiresAt === undefined) return 'no expiry known';
  return expiresAt > now ? `expires ${formatRelative(expiresAt, now)}` : `expired ${formatRelative(expiresAt, now)}`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function formatDateTime(at: number | null | undefined): string {
  if (at === null || at === undefined) return '—';
  return dateTime.format(new Date(at));
}

/** Pretty JSON of a body that may be a string, an object or absent. */
export function prettyBody(body: unknown): string {
  if (body === null || body === undefined) return '';
  if (typeof body === 'string') {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return body;
    }
  }
  return JSON.stringify(body, null, 2);
}

/** `datetime-local` input value ↔ epoch ms. */
export function toLocalInput(at: number | null | undefined): string {
  if (at === null || at === undefined) return '';
  const date = new Date(at);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function fromLocalInput(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const at = new Date(value).getTime();
  return Number.isNaN(at) ? undefined : at;
}

export function startOfDay(at: number): number {
  const date = new Date(at);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}
