export * from './chat-provider';
export * from './stream/reduce-chat-events';
export * from './usage-estimation';
export * from './qwen-web/account-source';
export * from './qwen-web/session-store';
export * from './qwen-web/conversation-history';
export * from './qwen-web/prompt-folding';
export { QwenWebProvider, type QwenWebProviderOptions } from './qwen-web/qwen-web.provider';
export { qwenWebProviderId } from './qwen-web/qwen-turn';
