export { antiBotCookieNames, missingAntiBotCookies } from './anti-bot-cookies';
export { createAccountProxyAgent, maskProxyUrl, type AccountProxyOptions } from './account-proxy-agent';
export { QwenClient, type CompletionParameters, type CreateChatParameters, type QwenProfile } from './qwen-client';
export { defaultQwenClientOptions, resolveQwenClientOptions, type QwenClientOptions } from './qwen-client-options';
export {
  cookieHeaderFor,
  decodeTokenExpiry,
  effectiveToken,
  parseCookieString,
  tokenFromCookies,
  type QwenCookie,
  type QwenCredentials,
} from './qwen-credentials';
export type { QwenEvent, QwenResponseCreatedEvent, QwenUnknownShapeEvent } from './qwen-event';
export type { QwenUnknownShape, QwenUnknownShapeKind } from './internal/unknown-shape';
export { QwenStreamState } from './qwen-stream-state';
export {
  classifyQwenErrorPayload,
  classifyQwenHttpFailure,
  classifyTransportError,
  emptyAnswerError,
  emptyStreamError,
  qwenTimeoutError,
  requestAbortedError,
  unexpectedResponseError,
  type QwenHttpFailure,
  type QwenTimeoutPhase,
  type TransportErrorContext,
} from './qwen-error-classification';
export {
  buildCompletionBody,
  buildCreateChatBody,
  type CompletionBody,
  type CompletionBodyParameters,
  type CompletionFeatureConfig,
  type CompletionMessage,
  type CreateChatBody,
  type CreateChatBodyParameters,
  type QwenChatMode,
  type QwenChatType,
  type QwenFileAttachment,
  type QwenThinkingSettings,
} from './completion-body';
export { parseModelList, type QwenModel, type QwenModelCapabilities } from './qwen-models';
export { QwenFileUploader, type DocumentParseTiming, type QwenUploadInput } from './upload/qwen-file-uploader';
export type { QwenUploadedFile } from './upload/uploaded-file';
export { uploadFileTypeOf, needsParsing, type QwenUploadFileType } from './upload/upload-file-kind';
export { buildFileAttachment, type FileAttachmentParameters } from './upload/file-attachment';
export { parseUploadTicket, objectKeyOf, type QwenUploadTicket } from './upload/upload-ticket';
export {
  encodeRfc3986,
  ossSigningKey,
  ossTimestamp,
  signingRegionOf,
  signOssRequest,
  type OssCredentials,
  type OssSignature,
  type OssSigningInput,
} from './upload/oss-v4-signature';
export { captchaBodyBytes, completionBodyBytes, defaultMaxInlineBodyBytes } from './completion-body-size';
export {
  chatCreationRefusedError,
  chatInProgressError,
  completionBodyTooLargeError,
  emptyNonStreamAnswerError,
  isChatInProgress,
  webVersionUnknownError,
} from './request-side-errors';
export { extractWebVersion, defaultWebVersionPattern, WebVersionSource, type WebVersion, type WebVersionDiscoveryOptions, type WebVersionOrigin } from './web-version/web-version-source';
export type { StopCompletionParameters } from './qwen-client';
export {
  defaultCapturedHeaderMaxAge,
  withoutStaleCapturedHeaders,
  type CapturedHeaderMaxAge,
  type CapturedHeaderName,
  type CapturedHeaderState,
} from './captured-header-age';
export { formatDoctorReport, runUpstreamDoctor, type DoctorOptions, type DoctorReport, type DoctorStep } from './doctor/upstream-doctor';
export { maskValue, redactCookieHeader, redactHeaders, redactText } from './doctor/redaction';
