import type { IncomingHttpHeaders } from 'node:http';
import type { FailureName, ScriptedAnswerKind } from '../scenarios/scripted-answer';

/** How the fake answered a request. */
export type RequestOutcome =
  /** Still being handled (a stream in progress, or a body not yet read). */
  | { status: 'pending' }
  /** Answered normally with a whole response. */
  | { status: 'answered'; httpStatus: number }
  /** Refused by validation, as the real service would: `code` is the `data.code` (or `http-401`…), `reason` says why. */
  | { status: 'rejected'; httpStatus: number; code: string; reason: string }
  /** Answered with a scripted failure of protocol §6. */
  | { status: 'failed-as-scripted'; httpStatus: number; failure: FailureName; code: string }
  /** Answered with an event stream. */
  | { status: 'streamed'; answer: Exclude<ScriptedAnswerKind, 'failure'>; chatId: string; responseId: string };

/** One request to the fake's Qwen API (control requests under `/__fake/` are not recorded). */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The JSON body, parsed; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  time: Date;
  /** The account the bearer token belongs to, once authenticated. */
  accountId?: string;
  outcome: RequestOutcome;
  /**
   * Things the real service tolerates but answers differently (e.g. an empty answer when
   * `output_schema` is not `"phase"`), so that tests can assert the proxy avoided them.
   */
  notes: string[];
}
