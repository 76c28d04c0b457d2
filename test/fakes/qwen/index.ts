/**
 * A faithful fake of chat.qwen.ai's web API (see /work/shared/docs/qwen-web-protocol.md and this
 * folder's README): start it, issue an account, point the proxy at `fake.url`, script answers.
 */
export { FAKE_WEB_VERSION, startFakeQwen } from './fake-qwen.server';
export type { FailNextOptions, FakeQwen, FakeQwenOptions } from './fake-qwen.server';
export type { IssueAccountOptions, IssuedAccount } from './accounts/account.registry';
export type { ChatMessageNode, FakeChat } from './chats/chat.store';
export type { RecordedRequest, RequestOutcome } from './requests/recorded-request';
export type { FakeUpload, UploadFileType } from './uploads/upload.store';
export { FAILURE_NAMES } from './scenarios/scripted-answer';
export type {
  FailureName,
  FailureOptions,
  ScriptedAnswer,
  ScriptedAnswerKind,
  SearchSource,
  StreamErrorShape,
} from './scenarios/scripted-answer';
export { MAGIC_WORDS } from './scenarios/magic-words';
export { MODEL_CATALOGUE } from './models/model.catalogue';
export { LATE_2026_MODEL_CATALOGUE } from './models/late-2026.catalogue';
export type { QwenModel } from './models/model.catalogue';
export type { QwenFrame, QwenDelta, QwenUsage } from './stream/qwen-frames';
