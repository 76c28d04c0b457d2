export {
  type ConnectionTestResult,
  type OpenAiCompatibleChatOptions,
  OpenAiCompatibleProvider,
  type OpenAiCompatibleProviderOptions,
  openAiCompatibleProviderType,
  type UpstreamImagesAnswer,
} from './openai-compatible.provider';
export type { UpstreamTimeouts } from './upstream-transport';
