export {
  type ConnectionTestResult,
  type OpenAiCompatibleChatOptions,
  OpenAiCompatibleProvider,
  type OpenAiCompatibleProviderOptions,
  openAiCompatibleProviderType,
} from './openai-compatible.provider';
export type { UpstreamTimeouts } from './upstream-transport';
