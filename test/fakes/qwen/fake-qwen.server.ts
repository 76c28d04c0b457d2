import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IssueAccountOptions, IssuedAccount } from './accounts/account.registry';
import type { FakeChat } from './chats/chat.store';
import { MODEL_CATALOGUE, type QwenModel } from './models/model.catalogue';
import { issueRefreshToken } from './accounts/token-refresh.handler';
import { isRecordedPath, routeRequest } from './fake-qwen.router';
import { FakeQwenState } from './fake-qwen.state';
import { internalServerError } from './failures/qwen-error.replies';
import { HttpExchange } from './http/http-exchange';
import { sendReply } from './http/http-reply';
import { summarizeRequest } from './requests/outcome-summary';
import type { RecordedRequest } from './requests/recorded-request';
import type { FailureName, FailureOptions, ScriptedAnswer } from './scenarios/scripted-answer';
import type { FakeUpload } from './uploads/upload.store';

/** Options of `startFakeQwen`. */
export interface FakeQwenOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Lifetime of issued tokens. Default one day. */
  tokenLifetimeSeconds?: number;
  /** Silence before every completion's first byte. Default 0. */
  firstByteDelayMs?: number;
  /** Pause between two frames of a stream. Default 2 ms, so streaming is visibly incremental. */
  chunkIntervalMs?: number;
  /**
   * Default false. Answer every completion (without a script or magic word) with the scripted
   * tool-using model: it reads the `[Tools]` section and calls a declared tool (see the README).
   */
  toolAgent?: boolean;
  /** The front-end version the homepage serves and completions require. Default `FAKE_WEB_VERSION`. */
  webVersion?: string;
  /** How long a generation runs on after its client hung up, unless stopped. Default 2000 ms. */
  abandonedGenerationMs?: number;
  /** Completion bodies over this many bytes get the risk-control captcha. Default 128 KiB. */
  captchaBodyBytes?: number;
  /** The model list: `MODEL_CATALOGUE` (default, early 2026) or e.g. `LATE_2026_MODEL_CATALOGUE`. */
  catalogue?: readonly QwenModel[];
  /** Called with one line per finished request (e.g. `console.log` when run by hand). */
  log?: (line: string) => void;
}

/** Options of `FakeQwen.failNext`. */
export interface FailNextOptions extends FailureOptions {
  /** How many consecutive completions fail this way. Default 1. */
  times?: number;
}

/** A running fake of chat.qwen.ai. */
export interface FakeQwen {
  /** Base URL, e.g. `http://127.0.0.1:54321`: what the proxy's Qwen base URL should be. */
  readonly url: string;
  /** Issues a web account: a JWT and the whole cookie jar a browser would hold. */
  issueAccount(options?: IssueAccountOptions): IssuedAccount;
  /** Queues answers for the next valid completions, FIFO; with none queued, the default answer is used. */
  script(...answers: ScriptedAnswer[]): void;
  /** Shorthand for scripting `{ kind: 'failure', failure }`, `times` times. */
  failNext(failure: FailureName, options?: FailNextOptions): void;
  /** Every Qwen API request received (valid or not), oldest first. Control requests are not included. */
  readonly requests: RecordedRequest[];
  /** Chat id → chat, with its message tree. */
  readonly chats: Map<string, FakeChat>;
  /** File id → upload ticket, with the bytes once a signed PUT stored them. */
  readonly uploads: ReadonlyMap<string, FakeUpload>;
  /** Completion streams whose client hung up before the fake ended them. */
  readonly completionsAborted: number;
  /** Completion streams in progress (including ones waiting for their first byte). */
  readonly openStreams: number;
  /** The front-end version currently served. */
  readonly webVersion: string;
  /** Deploys a new front-end build: the previous version is stale from now on. */
  deployWebVersion(version: string): void;
  /** How often the homepage was loaded (page loads are not in `requests`). */
  readonly homepageVisits: number;
  /** `…/completions/stop` calls received, oldest first. */
  readonly stops: ReadonlyArray<{ chatId: string; responseId?: string; stoppedRunning: boolean }>;
  /** Whether the chat's previous answer is still being generated. */
  isGenerating(chatId: string): boolean;
  /** A refresh token for `POST /api/v2/auths/refresh` (single use; put it in the jar as `refresh_token=`). */
  issueRefreshToken(account: IssuedAccount): string;
  /** Forgets scripts, recorded requests and the abort count; accounts and chats stay. */
  reset(): void;
  /** Ends open streams and stops listening. */
  close(): Promise<void>;
}

/** A front-end version of late 2026 (the audit saw 0.2.63 … 0.3.12 between June and September). */
export const FAKE_WEB_VERSION = '0.3.21';

const DEFAULTS = { host: '127.0.0.1', port: 0, tokenLifetimeSeconds: 86_400, firstByteDelayMs: 0, chunkIntervalMs: 2, webVersion: FAKE_WEB_VERSION, abandonedGenerationMs: 2000, captchaBodyBytes: 128 * 1024, catalogue: MODEL_CATALOGUE, toolAgent: false };

/** Starts a fake chat.qwen.ai on loopback. */
export async function startFakeQwen(options: FakeQwenOptions = {}): Promise<FakeQwen> {
  const { log, ...configured } = options;
  const settings = { ...DEFAULTS, ...withoutUndefined(configured) };
  const state = new FakeQwenState(settings);
  const server = createServer((request, response) => void handle(request, response, state, log));
  // Streams are written frame by frame on purpose; Nagle's algorithm would glue the frames together.
  server.on('connection', (socket) => socket.setNoDelay(true));
  await listen(server, settings.port, settings.host);
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`;
  return new RunningFakeQwen(server, state);
}

class RunningFakeQwen implements FakeQwen {
  private closing: Promise<void> | undefined;

  constructor(
    private readonly server: Server,
    private readonly state: FakeQwenState,
  ) {}

  get url(): string {
    return this.state.baseUrl;
  }

  get requests(): RecordedRequest[] {
    return this.state.requests;
  }

  get chats(): Map<string, FakeChat> {
    return this.state.chats.chats;
  }

  get uploads(): ReadonlyMap<string, FakeUpload> {
    return this.state.uploads.byFileId;
  }

  get completionsAborted(): number {
    return this.state.completionsAborted;
  }

  get openStreams(): number {
    return this.state.openStreams.size;
  }

  get webVersion(): string {
    return this.state.webBuild.version;
  }

  deployWebVersion(version: string): void {
    this.state.webBuild.deploy(version);
  }

  get homepageVisits(): number {
    return this.state.homepageVisits;
  }

  get stops(): ReadonlyArray<{ chatId: string; responseId?: string; stoppedRunning: boolean }> {
    return this.state.generations.stops;
  }

  isGenerating(chatId: string): boolean {
    return this.state.generations.isRunning(chatId);
  }

  issueRefreshToken(account: IssuedAccount): string {
    return issueRefreshToken(this.state, account);
  }

  issueAccount(options?: IssueAccountOptions): IssuedAccount {
    return this.state.accounts.issue(options);
  }

  script(...answers: ScriptedAnswer[]): void {
    this.state.script.enqueue(...answers);
  }

  failNext(failure: FailureName, options: FailNextOptions = {}): void {
    const { times = 1, ...failureOptions } = options;
    for (let count = 0; count < times; count += 1) {
      this.state.script.enqueue({ kind: 'failure', failure, ...failureOptions });
    }
  }

  reset(): void {
    this.state.reset();
  }

  close(): Promise<void> {
    // Idempotent, so an afterAll may close a fake a test already closed.
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    for (const stream of this.state.openStreams) {
      stream.destroy();
    }
    const closed = new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
    this.server.closeAllConnections();
    await closed;
  }
}

async function handle(request: IncomingMessage, response: ServerResponse, state: FakeQwenState, log?: (line: string) => void): Promise<void> {
  try {
    const exchange = await HttpExchange.open(request, response);
    const record = exchange.record;
    if (isRecordedPath(exchange.path)) {
      state.requests.push(record);
      if (log) {
        response.once('close', () => log(summarizeRequest(record)));
      }
    }
    await routeRequest(exchange, state);
  } catch (error) {
    // A bug in the fake must show as a loud 500, never as a hung test.
    log?.(`fake-qwen internal error: ${error instanceof Error ? error.stack : String(error)}`);
    if (!response.headersSent) {
      sendReply(response, internalServerError(`fake-qwen internal error: ${String(error)}`).reply);
    } else {
      response.destroy();
    }
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as Partial<T>;
}
