import { lastValueFrom, toArray } from 'rxjs';
import { isGatewayError } from '@qwen-proxy/contracts';
import { QwenClient } from '../qwen-client';
import type { QwenClientOptions } from '../qwen-client-options';
import { decodeTokenExpiry, effectiveToken, type QwenCredentials } from '../qwen-credentials';
import type { QwenEvent } from '../qwen-event';
import { recordingDispatcher, type RecordedExchange } from './recording-dispatcher';
import { redactHeaders, redactText } from './redaction';

/** One probe step, ready to show: nothing secret in it. */
export interface DoctorStep {
  name: string;
  ok: boolean;
  /** What the proxy made of the answer: `ok`, or the error code it classified. */
  classification: string;
  /** The product's message, or what the step found (a version, a chat id, a model count). */
  summary: string;
  durationMs: number;
  /** Every HTTP exchange of the step, redacted. */
  exchanges: Array<{ method: string; path: string; headers: Record<string, string>; body?: string; status?: number; answerStart: string }>;
}

export interface DoctorReport {
  baseUrl: string;
  startedAt: string;
  ok: boolean;
  steps: DoctorStep[];
}

export interface DoctorOptions {
  /** Client options as the proxy runs with them (base URL, version, paths, timeouts). */
  client: Partial<QwenClientOptions>;
  credentials: QwenCredentials;
  /** Model for the probe chat; default: the first of the live list. */
  model?: string;
  signal?: AbortSignal;
  now?: () => number;
}

const longestBodyShown = 600;

/**
 * A live, step-by-step probe of chat.qwen.ai with one account: homepage and version, token,
 * model list, chats/new, a one-word completion, stop, delete. Each step records what went out
 * and the start of what came back, redacted (no token, cookie values masked), how the proxy
 * classified it, and how long it took. Later steps that need an earlier one's result are
 * skipped when it failed. `npm run doctor` and `POST /api/credentials/{id}/diagnose` print it.
 */
export async function runUpstreamDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const now = options.now ?? Date.now;
  const exchanges: RecordedExchange[] = [];
  const dispatcher = recordingDispatcher(exchanges);
  const client = new QwenClient({ ...options.client, dispatcher });
  const { credentials, signal } = options;
  const steps: DoctorStep[] = [];
  const report: DoctorReport = { baseUrl: client.options.baseUrl, startedAt: new Date(now()).toISOString(), ok: true, steps };

  const step = async (name: string, run: () => Promise<string>): Promise<boolean> => {
    const from = exchanges.length;
    const started = now();
    let ok = true;
    let classification = 'ok';
    let summary: string;
    try {
      summary = await run();
    } catch (error) {
      ok = false;
      classification = isGatewayError(error) ? error.code : 'internal_error';
      summary = error instanceof Error ? error.message : String(error);
    }
    steps.push({
      name,
      ok,
      classification,
      summary: redactText(summary, credentials),
      durationMs: now() - started,
      exchanges: exchanges.slice(from).map((exchange) => redactExchange(exchange, credentials)),
    });
    if (!ok) report.ok = false;
    return ok;
  };
  const skipped = (name: string, reason: string) =>
    steps.push({ name, ok: false, classification: 'skipped', summary: reason, durationMs: 0, exchanges: [] });

  try {
    await step('homepage and front-end version', async () => {
      const version = await client.webVersion.refresh(signal);
      if (version.origin === 'configured') return `version ${version.value} (configured by QWEN_WEB_VERSION; the homepage is not read)`;
      if (!version.value) throw new Error(`no "qwen-chat-fe/<version>/" asset path on ${client.options.baseUrl}${client.options.homepagePath}: set QWEN_WEB_VERSION`);
      return `version ${version.value} (discovered)`;
    });

    await step('token check (GET /api/v1/auths/)', async () => {
      const token = effectiveToken(credentials);
      const expiry = token ? decodeTokenExpiry(token) : undefined;
      const profile = await client.checkToken(credentials, signal);
      const lifetime = expiry === undefined ? 'no exp claim' : expiry <= now() ? 'exp passed' : `expires in ${Math.round((expiry - now()) / 60_000)} min`;
      return `token accepted${profile.email ? ` for ${profile.email}` : ''}; ${lifetime}`;
    });

    let model = options.model;
    await step('model list (GET /api/models)', async () => {
      const models = await client.listModels(credentials, signal);
      model ??= models[0]?.id;
      return `${models.length} models: ${models.slice(0, 6).map((entry) => entry.id).join(', ')}${models.length > 6 ? ', …' : ''}`;
    });

    let chatId: string | undefined;
    if (!model) skipped('new chat (POST /api/v2/chats/new)', 'no model to open a chat with');
    else {
      await step('new chat (POST /api/v2/chats/new)', async () => {
        chatId = (await client.createChat(credentials, { model: model!, title: 'qwen-proxy doctor' }, signal)).chatId;
        return `chat ${chatId} with ${model}`;
      });
    }

    let responseId: string | undefined;
    if (!chatId) skipped('one-word completion', 'no chat');
    else {
      await step('one-word completion (POST /api/v2/chat/completions)', async () => {
        const events: QwenEvent[] = await lastValueFrom(
          client.streamCompletion(credentials, { chatId: chatId!, model: model!, parentId: null, content: 'Answer with one word: ready?', signal }).pipe(toArray()),
        );
        for (const event of events) if (event.type === 'response-created') responseId = event.responseId;
        const failure = events.find((event) => event.type === 'error');
        if (failure?.type === 'error') throw failure.error;
        const text = events.map((event) => (event.type === 'text-delta' ? event.text : '')).join('');
        return `answered "${text.slice(0, 80)}"`;
      });
    }

    if (!chatId) skipped('stop (POST …/completions/stop)', 'no chat');
    else {
      await step(`stop (POST ${client.options.stopCompletionPath})`, async () => {
        await client.stopCompletion(credentials, { chatId: chatId!, responseId }, signal);
        return 'accepted (the generation had finished already: this checks the endpoint)';
      });
      await step('delete the chat (DELETE /api/v2/chats/<id>)', async () => {
        await client.deleteChat(credentials, chatId!, signal);
        return `chat ${chatId} deleted`;
      });
    }
  } finally {
    await client.close();
    await dispatcher.close();
  }
  return report;
}

function redactExchange(exchange: RecordedExchange, credentials: QwenCredentials): DoctorStep['exchanges'][number] {
  const body = exchange.body === undefined ? undefined : redactText(shorten(exchange.body), credentials);
  return {
    method: exchange.method,
    path: redactText(exchange.path, credentials),
    // Secret headers are masked whole first; any secret left in another header is masked after.
    headers: Object.fromEntries(Object.entries(redactHeaders(exchange.headers)).map(([name, value]) => [name, redactText(value, credentials)])),
    ...(body === undefined ? {} : { body }),
    ...(exchange.status === undefined ? {} : { status: exchange.status }),
    answerStart: redactText(exchange.answerStart, credentials),
  };
}

function shorten(text: string): string {
  return text.length > longestBodyShown ? `${text.slice(0, longestBodyShown)}… (${text.length} chars)` : text;
}

/** The report as plain text, for a terminal or the console's Copy button. */
export function formatDoctorReport(report: DoctorReport): string {
  const lines = [`Qwen upstream doctor: ${report.baseUrl} at ${report.startedAt}`, ''];
  report.steps.forEach((entry, index) => {
    lines.push(`${index + 1}. ${entry.ok ? 'OK  ' : entry.classification === 'skipped' ? 'SKIP' : 'FAIL'} ${entry.name} (${entry.durationMs} ms) [${entry.classification}]`);
    lines.push(`   ${entry.summary}`);
    for (const exchange of entry.exchanges) {
      lines.push(`   > ${exchange.method} ${exchange.path}`);
      for (const [name, value] of Object.entries(exchange.headers)) lines.push(`   >   ${name}: ${value}`);
      if (exchange.body) lines.push(`   >   body: ${exchange.body}`);
      lines.push(`   < ${exchange.status ?? 'no status'} ${exchange.answerStart.replace(/\s+/g, ' ').slice(0, 200)}`);
    }
    lines.push('');
  });
  lines.push(report.ok ? 'All steps passed.' : 'Some steps failed: the first failure is usually the one to fix.');
  return lines.join('\n');
}
