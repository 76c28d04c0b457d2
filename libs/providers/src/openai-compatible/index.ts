export {
  type ConnectionTestResult,
  type OpenAiCompatibleChatOptions,
  OpenAiCompatibleProvider,
  type OpenAiCompatibleProviderOptions,
  openAiCompatibleProviderType,
} from './openai-compatible.provider';
export type { UpstreamTimeouts } from './upstream-transport';
export { OpenAiCompatibleStreamState, type StreamStateOptions } from './openai-compatible-stream.state';
export { openAiChunkSchema, type OpenAiChunk } from './openai-chunk.schema';
