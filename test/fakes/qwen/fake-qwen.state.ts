import { AccountRegistry, type IssuedAccount } from './accounts/account.registry';
import { ChatStore } from './chats/chat.store';
import type { RecordedRequest } from './requests/recorded-request';
import { AnswerScriptQueue } from './scenarios/answer-script.queue';
import type { SseResponseWriter } from './stream/sse-response.writer';
import { UploadStore } from './uploads/upload.store';
import type { QwenModel } from './models/model.catalogue';
import { GenerationRegistry } from './generations/generation.registry';
import { WebBuild } from './web-build/web-build';

/** The fake's settings once defaults are applied. */
export interface FakeQwenSettings {
  tokenLifetimeSeconds: number;
  firstByteDelayMs: number;
  chunkIntervalMs: number;
  /** Every completion is answered by the scripted tool-using model (scenarios/tool-agent.answer.ts). */
  toolAgent: boolean;
  /** The front-end build version the homepage names and completions require. */
  webVersion: string;
  /** How long a generation runs on after its client hung up (until stopped). */
  abandonedGenerationMs: number;
  /** Completion bodies larger than this get the risk-control captcha. */
  captchaBodyBytes: number;
  /** The model list served and accepted. */
  catalogue: readonly QwenModel[];
}

/** Everything the fake remembers; handlers read and change it, tests inspect it. */
export class FakeQwenState {
  readonly accounts: AccountRegistry;
  readonly chats = new ChatStore();
  readonly script = new AnswerScriptQueue();
  readonly requests: RecordedRequest[] = [];
  /** Upload tickets and the objects stored with them; kept across `reset()`, like chats. */
  readonly uploads = new UploadStore();
  /** Request ids seen so far: the web UI never reuses one. */
  readonly seenRequestIds = new Set<string>();
  readonly openStreams = new Set<SseResponseWriter>();
  completionsAborted = 0;
  /** The web build being served (homepage assets, `version` header checks). */
  readonly webBuild: WebBuild;
  /** `GET /` requests (not in `requests`: they are page loads, not API calls). */
  homepageVisits = 0;
  /** The model list `/api/models` serves and chats/new and completions accept. */
  get catalogue(): readonly QwenModel[] {
    return this.settings.catalogue;
  }
  /** Refresh token → the account it renews (single use). */
  readonly refreshTokens = new Map<string, IssuedAccount>();
  /** Answers still being generated, per chat ("The chat is in progress!", stop). */
  readonly generations = new GenerationRegistry();
  /** Known once the server listens; scripted captcha and image URLs point here. */
  baseUrl = '';

  constructor(readonly settings: FakeQwenSettings) {
    this.accounts = new AccountRegistry(settings.tokenLifetimeSeconds);
    this.webBuild = new WebBuild(settings.webVersion);
  }

  /** Forgets scripts, recorded requests and the abort count; accounts and chats stay. */
  reset(): void {
    this.script.clear();
    this.requests.length = 0;
    this.seenRequestIds.clear();
    this.completionsAborted = 0;
  }
}
