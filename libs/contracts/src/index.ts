export * from './chat-event';
export * from './chat-request';
export * from './text-content';
export * from './errors/gateway-error';
export * from './sse/sse-decoder';
export * from './json/tolerant-read';
export * from './flow-control';
export * from './tracing/gen-ai-span';
