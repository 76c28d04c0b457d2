import type { Provider, ProviderInput } from '../../core/api/api-types';

export interface ProviderFormValue {
  name: string;
  baseUrl: string;
  apiKey: string;
  models: string;
  modelPatterns: string;
  headers: string;
  priority: number;
  weight: number;
  enabled: boolean;
  connectMs: number | null;
  firstByteMs: number | null;
  totalMs: number | null;
}

const list = (text: string) =>
  text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);

/** `Name: value` lines as a header map; throws on a line without a colon. Pure. */
export function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n').map((item) => item.trim()).filter(Boolean)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`"${line}" is not "Name: value".`);
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export function toProviderForm(provider: Provider | null): ProviderFormValue {
  return {
    name: provider?.name ?? '',
    baseUrl: provider?.baseUrl ?? '',
    apiKey: '',
    models: provider?.models.join('\n') ?? '',
    modelPatterns: provider?.modelPatterns.join('\n') ?? '',
    headers: Object.entries(provider?.headers ?? {})
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n'),
    priority: provider?.priority ?? 100,
    weight: provider?.weight ?? 1,
    enabled: provider?.enabled ?? true,
    connectMs: provider?.timeouts.connectMs ?? null,
    firstByteMs: provider?.timeouts.firstByteMs ?? null,
    totalMs: provider?.timeouts.totalMs ?? null,
  };
}

/** The create or update body. An empty API key on edit keeps the stored one. Pure. */
export function toProviderInput(value: ProviderFormValue, editing: Provider | null): ProviderInput {
  const timeouts = Object.fromEntries(
    (['connectMs', 'firstByteMs', 'totalMs'] as const).filter((key) => value[key] !== null && value[key] !== undefined && String(value[key]) !== '').map((key) => [key, Number(value[key])]),
  );
  if (editing?.builtIn) return { enabled: value.enabled, priority: Number(value.priority), weight: Number(value.weight) };
  const body: ProviderInput = {
    name: value.name.trim(),
    baseUrl: value.baseUrl.trim().replace(/\/+$/, ''),
    models: list(value.models),
    modelPatterns: list(value.modelPatterns),
    headers: parseHeaders(value.headers),
    priority: Number(value.priority),
    weight: Number(value.weight),
    enabled: value.enabled,
    timeouts,
  };
  if (!editing) body.type = 'openai-compatible';
  if (value.apiKey.trim()) body.apiKey = value.apiKey.trim();
  return body;
}
