import type { QwenClientOptions } from '@qwen-proxy/qwen';
import type { AppConfig } from '../config/app-config';

/** The Qwen client's options from the configuration: the app, `npm run doctor` and its endpoint share them. */
export function qwenClientOptionsOf(config: AppConfig): Partial<QwenClientOptions> {
  const qwen = config.qwen;
  return {
    baseUrl: qwen.baseUrl,
    ...(qwen.userAgent ? { userAgent: qwen.userAgent } : {}),
    ...(qwen.bxVersion ? { bxVersion: qwen.bxVersion } : {}),
    webVersionHeader: qwen.webVersion,
    webVersionCacheMs: qwen.webVersionCacheMs,
    webVersionPattern: qwen.webVersionPattern,
    homepagePath: qwen.homepagePath,
    versionOnCreateChat: qwen.versionOnCreateChat,
    stopCompletionPath: qwen.stopCompletionPath,
    refreshTokenPath: qwen.refreshTokenPath,
    chatInProgressRetryDelaysMs: qwen.chatInProgressRetryDelaysMs,
    connectTimeoutMs: qwen.connectTimeoutMs,
    firstByteTimeoutMs: qwen.firstByteTimeoutMs,
    idleTimeoutMs: qwen.idleTimeoutMs,
    sseMaxLineBytes: config.limits.sseMaxLineBytes,
  };
}
